/* STUB — replaced by the front-end work. */
%define api.pure full
%code requires { typedef void *yyscan_t; }
%param { yyscan_t scanner }
%code { int yylex(void *lval, yyscan_t scanner); static void yyerror(yyscan_t s, const char *m) { (void)s; (void)m; } }
%token END_STUB
%%
file: %empty ;
%%
