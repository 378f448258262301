/* pace.y — the grammar of the Pace rule language (language.md).
 *
 * Pure and reentrant (api.pure full, a reentrant flex scanner); the
 * actions only call the constructors of parse.c, which allocate in the
 * program's arena — so a failed parse frees with the program and no
 * %destructor is needed.  Errors: LAC makes the "expected ..." lists
 * exact, yyreport_syntax_error turns them into English (with hints for
 * the mistakes rule authors make most, from the wrong token and the one
 * before it), and `items: items error` resynchronises at the next
 * top-level item, so one run reports every broken rule.  Each item's
 * first keyword calls yyerrok, so a mistake right at the start of the
 * next rule is reported too, and starts the item's error count: a rule
 * with an error is left out of the program and a metric is marked broken
 * (`metric NAME error` keeps its name known), so the checker can run
 * over the rest in the same run.
 *
 * The same parser reads test files (pace test, testast.h): the lexer's
 * first token, RULE_FILE or TEST_FILE, picks the grammar, and the test
 * grammar's actions call the tast_ builders of testast.c. */

%define api.pure full
%define api.location.type {Span}
%locations
%define parse.error custom
%define parse.lac full
%expect 0
%param {yyscan_t scanner}
%parse-param {PState *ps}

%code requires {
#include "front.h"
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
/* A span from the first symbol's start to the last one's end; an empty
 * rule sits at the end of what came before it. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                              \
    do {                                                         \
        if (N) {                                                 \
            (Cur).src = YYRHSLOC(Rhs, 1).src;                    \
            (Cur).start = YYRHSLOC(Rhs, 1).start;                \
            (Cur).end = YYRHSLOC(Rhs, N).end;                    \
        } else {                                                 \
            (Cur).src = YYRHSLOC(Rhs, 0).src;                    \
            (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;      \
        }                                                        \
    } while (0)
}

%code {
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lexer.h"
#include "suggest.h"
#include "testast.h"

/* The test file a test-file parse builds. */
#define T (ps->test)

/* An item's first keyword: errors are counted from here (an item with
 * errors is left unchecked), and error recovery ends here. */
#define ITEM_START do { yyerrok; front_item_start(ps); } while (0)

/* The parser's stacks through the allocation choke point; a deeper stack
 * than this is a hostile file, reported as "nested too deeply". */
#define YYMALLOC xmalloc
#define YYFREE free
#define YYMAXDEPTH 5001    /* 5000 for a rule file, 1 for the start token */

static void yyerror(const Span *at, yyscan_t scanner, PState *ps, const char *msg);

/* The parser reads its tokens through here, so that a syntax error can
 * look at the token before the wrong one (`win rate`: a name with a
 * space in it). */
static int next_token(YYSTYPE *lval, YYLTYPE *lloc, yyscan_t scanner)
{
    PState *ps = yyget_extra(scanner);
    int t = yylex(lval, lloc, scanner);
    ps->prev_tok = ps->tok;
    ps->prev_at = ps->tok_at;
    ps->tok = t;
    ps->tok_at = *lloc;
    return t;
}
#define yylex next_token
}

%union {
    NumLit num;
    const char *str;
    DurUnit unit;
    Expr *expr;
    ExprList *exprs;
    Duration dur;
    Action *act;
    ActList *acts;
    RuleHead *head;
    RuleTail *tail;
    Person person;
    Priority prio;
    int ival;
}

%token END 0 "end of file"
%token <num> NUMBER "number"
%token <str> NAME "name"
%token <str> STRING "text in quotes"
%token <str> INVALID "invalid text"
%token PERIOD "period" FISCAL "fiscal" YEAR "year" STARTS "starts"
%token METRIC "metric" MEASURE "measure" INCLUDE "include" RULE "rule"
%token WHEN "when" WHEN_BOL "when " THEN "then"
%token PER "per" FOR "for" WHERE "where" TEAM "team" MANAGER "manager" REP "rep"
%token AND "and" OR "or" NOT "not" DROPS "drops" RISES "rises" BY "by" OVER "over"
%token POINTS "points"
%token <unit> DAY "day" WEEK "week" MONTH "month" QUARTER "quarter"
%token ASSIGN "assign" COACHING "coaching" ADJUST "adjust" QUOTA "quota" GOAL "goal"
%token TO "to" NOTIFY "notify" SCHEDULE "schedule" REVIEW "review" FLAG "flag"
%token PRIORITY "priority" LOW "low" MEDIUM "medium" HIGH "high"
%token DUE "due" IN "in" OWNER "owner" EXPECT "expect" WITHIN "within"
%token UNTIL "until" REPEAT "repeat" EVERY "every"
%token LE "<=" GE ">=" NE "!="
/* The lexer's first token: which kind of file follows. */
%token RULE_FILE "start of a rule file" TEST_FILE "start of a test file"
/* Test files only (testast.h). */
%token TEST "test" TRULES "rules" DATA "data" NOTHING "nothing" ELSE "else"
%token AS "as" OF "of" FROM "from" DATE "date"
%token <ival> TABLE "table name"
%token BAR "|" CELL "table cell" ROW_END "end of the row"

/* A metric's `when` floor: shift it (an indented `when` right after a
 * metric continues the metric; a rule's `when` starts in column 1). */
%precedence NO_FLOOR
%precedence WHEN
/* Expressions, loosest first: `a and b for 2 weeks` is (a and b) for 2 weeks. */
%precedence FOR
%left OR
%left AND
%precedence NOT
%nonassoc '<' LE '>' GE '=' NE DROPS RISES
%left '+' '-'
%left '*' '/'
%precedence UMINUS

%type <str> name field topic
%type <num> month
%type <unit> dur_unit
%type <expr> expr primary num_lit call opt_floor signed_num change_amount
%type <exprs> args arglist
%type <dur> window window_strict
%type <act> action action_core
%type <acts> actions
%type <head> rule_head
%type <tail> tail
%type <person> person
%type <prio> priority

%%

file:
    RULE_FILE items
  | TEST_FILE tests
    ;

/* items -> item* ; a broken item is skipped up to the next item's keyword */
items:
    %empty
  | items item
  | items error
    ;

item:
    period_item
  | fiscal_item
  | metric_item
  | measure_item
  | include_item
  | rule_item
    ;

/* period week|month|quarter */
period_item:
    period_kw dur_unit          { front_set_period(ps, $2, @2, @$); }
  | period_kw error             { front_period_broken(ps); }
    ;
period_kw: PERIOD             { ITEM_START; } ;

/* fiscal year starts April */
fiscal_item:
    fiscal_kw YEAR STARTS name  { front_set_fiscal(ps, $4, @4, @$); }
  | fiscal_kw YEAR STARTS month { front_set_fiscal(ps, $4.text, @4, @$); }
    ;
fiscal_kw: FISCAL             { ITEM_START; } ;
month: NUMBER ;

/* metric NAME = EXPR [when COND] */
metric_item:
    metric_kw name '=' expr opt_floor   { front_add_metric(ps, $2, @2, $4, $5, @$); }
  | metric_kw name error        { front_broken_metric(ps, $2, @2); }
    ;
metric_kw: METRIC             { ITEM_START; } ;
opt_floor:
    %empty %prec NO_FLOOR       { $$ = NULL; }
  | WHEN expr                   { $$ = $2; }
    ;

/* measure NAME {, NAME} */
measure_item:
    measure_kw measure_names
    ;
measure_kw: MEASURE           { ITEM_START; } ;
measure_names:
    name                        { front_add_measure(ps, $1, @1, @$); }
  | measure_names ',' name      { front_add_measure(ps, $3, @3, @$); }
    ;

/* include "file" */
include_item:
    include_kw STRING           { front_include(ps, $2, @2, @$); }
    ;
include_kw: INCLUDE           { ITEM_START; } ;

/* rule "Name" HEAD when COND then ACTIONS TAIL  |  when COND then ACTIONS TAIL */
rule_item:
    rule_kw STRING rule_head when_kw expr THEN actions tail
        { front_add_rule(ps, $2, @2, @1, $3, $5, $7, $8, @$); }
  | when_start expr THEN actions tail
        { front_add_rule(ps, NULL, @1, @1, NULL, $2, $4, $5, @$); }
    ;
rule_kw: RULE                 { ITEM_START; } ;
when_start:
    WHEN_BOL                    { ITEM_START; }
  | WHEN                        { ITEM_START; }
    ;
when_kw: WHEN | WHEN_BOL ;

/* HEAD -> (per team|rep | for team|manager|rep "X" | where FIELD = "v")* */
rule_head:
    %empty                      { $$ = front_head_new(ps); }
  | rule_head PER TEAM          { $$ = $1; front_head_scope(ps, $$, SCOPE_TEAM, @2); }
  | rule_head PER REP           { $$ = $1; front_head_scope(ps, $$, SCOPE_REP, @2); }
  | rule_head FOR TEAM STRING   { $$ = $1; front_head_filter(ps, $$, FILTER_TEAM, NULL, $4, @2); }
  | rule_head FOR MANAGER STRING { $$ = $1; front_head_filter(ps, $$, FILTER_MANAGER, NULL, $4, @2); }
  | rule_head FOR REP STRING    { $$ = $1; front_head_filter(ps, $$, FILTER_REP, NULL, $4, @2); }
  | rule_head WHERE field '=' STRING
        { $$ = $1; Span s = @2; s.end = @5.end; front_head_filter(ps, $$, FILTER_FIELD, $3, $5, s); }
    ;
field: NAME | TEAM { $$ = "team"; } | MANAGER { $$ = "manager"; } | REP { $$ = "rep"; }
     | QUOTA { $$ = "quota"; } ;

/* ACTIONS -> action+ ; each action takes its modifiers */
actions:
    action                      { $$ = front_acts(ps, NULL, $1); }
  | actions action              { $$ = front_acts(ps, $1, $2); }
    ;
action:
    action_core
  | action PRIORITY priority    { $$ = $1; $$->priority = $3; $$->span.end = @3.end; }
  | action DUE IN window        { $$ = $1; $$->due = $4; $$->has_due = 1; $$->span.end = @4.end; }
  | action OWNER person         { $$ = $1; $$->owner = $3; $$->span.end = @3.end; }
  | action EXPECT expr WITHIN window
        { $$ = $1; front_modifier_expect(ps, $$, $3, $5, @2); }
    ;
action_core:
    ASSIGN COACHING topic       { $$ = front_coaching(ps, $3, 0, @3, @$); }
  | ASSIGN COACHING STRING      { $$ = front_coaching(ps, $3, 1, @3, @$); }
  | ADJUST QUOTA BY signed_num  { $$ = front_action(ps, ACT_ADJUST, @$); $$->text = "quota"; $$->amount = $4; }
  | ADJUST QUOTA TO signed_num  { $$ = front_action(ps, ACT_ADJUST, @$); $$->text = "quota"; $$->amount = $4; $$->adjust_to = 1; }
  | ADJUST GOAL name BY signed_num
        { $$ = front_action(ps, ACT_ADJUST, @$); $$->text = $3; $$->amount = $5; $$->adjust_goal = 1; }
  | ADJUST GOAL name TO signed_num
        { $$ = front_action(ps, ACT_ADJUST, @$); $$->text = $3; $$->amount = $5; $$->adjust_goal = 1; $$->adjust_to = 1; }
  | NOTIFY person STRING        { $$ = front_action(ps, ACT_NOTIFY, @$); $$->person = $2; $$->text = $3; }
  | SCHEDULE REVIEW STRING      { $$ = front_action(ps, ACT_REVIEW, @$); $$->text = $3; }
  | FLAG STRING                 { $$ = front_action(ps, ACT_FLAG, @$); $$->text = $2; }
    ;
topic: NAME ;
person: MANAGER { $$ = PERSON_MANAGER; } | REP { $$ = PERSON_REP; } ;
priority: LOW { $$ = PRIO_LOW; } | MEDIUM { $$ = PRIO_MEDIUM; } | HIGH { $$ = PRIO_HIGH; } ;
signed_num:
    num_lit
  | '+' num_lit                 { $$ = front_signed(ps, $2, '+', @$); }
  | '-' num_lit                 { $$ = front_signed(ps, $2, '-', @$); }
    ;

/* TAIL -> (until COND | repeat every DURATION)* */
tail:
    %empty                      { $$ = front_tail_new(ps); }
  | tail UNTIL expr             { $$ = $1; front_tail_until(ps, $$, $3, @2); }
  | tail REPEAT EVERY window    { $$ = $1; front_tail_repeat(ps, $$, $4, @2); }
    ;

/* window -> N UNIT | UNIT ; a bare N is reported (it needs a unit) */
window:
    window_strict
  | NUMBER                      { $$ = front_window(ps, &$1, 0, DUR_WEEK, @$); }
    ;
window_strict:
    NUMBER dur_unit             { $$ = front_window(ps, &$1, 1, $2, @$); }
  | dur_unit                    { $$ = front_window(ps, NULL, 1, $1, @$); }
    ;
dur_unit: DAY | WEEK | MONTH | QUARTER ;

/* Conditions and arithmetic are one expression grammar (the checker
 * tells numbers from conditions), so parentheses work for both. */
expr:
    expr FOR window             { $$ = front_for(ps, $1, $3, @$); }
  | expr OR expr                { $$ = front_binary(ps, EX_OR, $1, $3, @$); }
  | expr AND expr               { $$ = front_binary(ps, EX_AND, $1, $3, @$); }
  | NOT expr                    { $$ = front_unary(ps, EX_NOT, $2, @$); }
  | expr '<' expr               { $$ = front_binary(ps, EX_LT, $1, $3, @$); }
  | expr LE expr                { $$ = front_binary(ps, EX_LE, $1, $3, @$); }
  | expr '>' expr               { $$ = front_binary(ps, EX_GT, $1, $3, @$); }
  | expr GE expr                { $$ = front_binary(ps, EX_GE, $1, $3, @$); }
  | expr '=' expr               { $$ = front_binary(ps, EX_EQ, $1, $3, @$); }
  | expr NE expr                { $$ = front_binary(ps, EX_NE, $1, $3, @$); }
  | expr DROPS BY change_amount OVER window
        { $$ = front_change(ps, CHANGE_DROPS, $1, $4, &$6, @$); }
  | expr RISES BY change_amount OVER window
        { $$ = front_change(ps, CHANGE_RISES, $1, $4, &$6, @$); }
  | expr DROPS BY change_amount { $$ = front_change(ps, CHANGE_DROPS, $1, $4, NULL, @$); }
  | expr RISES BY change_amount { $$ = front_change(ps, CHANGE_RISES, $1, $4, NULL, @$); }
  | expr '+' expr               { $$ = front_binary(ps, EX_ADD, $1, $3, @$); }
  | expr '-' expr               { $$ = front_binary(ps, EX_SUB, $1, $3, @$); }
  | expr '*' expr               { $$ = front_binary(ps, EX_MUL, $1, $3, @$); }
  | expr '/' expr               { $$ = front_binary(ps, EX_DIV, $1, $3, @$); }
  | '-' expr %prec UMINUS       { $$ = front_unary(ps, EX_NEG, $2, @$); }
  | primary
    ;

/* change amount -> N | N% | N points ; `N weeks` is reported */
change_amount:
    num_lit
  | NUMBER dur_unit             { $$ = front_bad_amount(ps, $1, @$); }
    ;

primary:
    num_lit
  | name                        { $$ = front_name(ps, $1, @1); }
  | call
  | '(' expr ')'               { $$ = $2; $$->paren = 1; }
    ;

num_lit:
    NUMBER                      { $$ = front_num(ps, $1, @1); }
  | NUMBER POINTS
        { NumLit n = $1;
          if (n.unit == UNIT_NONE) {
              n.unit = UNIT_POINTS;
              n.value /= 100;   /* 10 points is 0.10 (ast.h) */
          }
          $$ = front_num(ps, n, @$);
          if ($1.unit != UNIT_NONE)
              diag_error(ps->f->d, @1, "'points' follows a plain number, as in 10 points"); }
    ;

/* call -> NAME ( args ) | NAME ( "text" ) | goal ( NAME ) */
call:
    NAME '(' args ')'           { $$ = front_call(ps, $1, @1, $3, @$); }
  | NAME '(' STRING ')'         { $$ = front_call_text(ps, $1, @1, $3, @$); }
  | GOAL '(' name ')'
        { ExprList *l = front_args(ps, NULL, front_name(ps, $3, @3));
          $$ = front_call(ps, "goal", @1, l, @$); }
    ;
args:
    arglist
  | arglist ',' window_strict   { $$ = $1; $$->window = $3; $$->has_window = 1; }
    ;
arglist:
    expr                        { $$ = front_args(ps, NULL, $1); }
  | arglist ',' expr            { $$ = front_args(ps, $1, $3); }
    ;

name: NAME | QUOTA { $$ = "quota"; } ;

/* ------------------------------------------------------------------ */
/* Test files (pace test): line-led like rule files; a broken line is   */
/* skipped up to the next line's keyword.  T is the test file built.    */

/* tests -> test_line* */
tests:
    %empty
  | tests test_line
  | tests error
    ;

test_line:
    test_kw STRING              { tast_test(T, $2, strlen($2), @2); }
  | rules_kw STRING             { tast_rules(T, $2, strlen($2), @2); }
  | data_kw STRING              { tast_data(T, $2, strlen($2), @2); }
  | table_kw rows
  | expect_kw                   { tast_table(T, TABLE_EXPECT, @1); } rows
  | expect_kw NOTHING           { tast_expect_nothing(T, @$); }
  | and_kw NOTHING ELSE         { tast_nothing_else(T, @$); }
  | as_kw OF DATE               { tast_as_of(T, @3); }
  | from_kw DATE                { tast_from(T, @2, NULL); }
  | from_kw DATE TO DATE        { tast_from(T, @2, &@4); }
    ;
test_kw: TEST                   { yyerrok; } ;
rules_kw: TRULES                { yyerrok; } ;
data_kw: DATA                   { yyerrok; } ;
table_kw: TABLE                 { yyerrok; tast_table(T, (TableKind)$1, @1); } ;
expect_kw: EXPECT               { yyerrok; } ;
and_kw: AND                     { yyerrok; } ;
as_kw: AS                       { yyerrok; } ;
from_kw: FROM                   { yyerrok; } ;

/* rows -> row+ ; row -> '|' (cell '|')* end-of-line */
rows:
    row
  | rows row
    ;
row:
    BAR                         { tast_row(T, @1); } cells ROW_END
  | BAR error ROW_END           { yyerrok; }
    ;
cells:
    %empty
  | cells cell BAR
    ;
cell:
    %empty                      { tast_cell(T, @$); }
  | CELL                        { tast_cell(T, @1); }
    ;

%%

/* Messages are built in a fixed buffer: they are short, and a cut
 * message beats an allocation in the error path. */
typedef struct Msg {
    char s[512];
    size_t n;
} Msg;

static void add(Msg *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(Msg *m, const char *fmt, ...)
{
    if (m->n >= sizeof m->s - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(m->s + m->n, sizeof m->s - m->n, fmt, ap);
    va_end(ap);
    if (w > 0)
        m->n += (size_t)w < sizeof m->s - m->n ? (size_t)w : sizeof m->s - m->n - 1;
}

/* "'then'" for a keyword, "a name" for a class of tokens. */
static void add_symbol(Msg *m, yysymbol_kind_t sym)
{
    switch (sym) {
    case YYSYMBOL_NUMBER: add(m, "a number"); return;
    case YYSYMBOL_NAME: add(m, "a name"); return;
    case YYSYMBOL_STRING: add(m, "a text in quotes"); return;
    case YYSYMBOL_YYEOF: add(m, "the end of the file"); return;
    case YYSYMBOL_WHEN_BOL: add(m, "'when'"); return;
    case YYSYMBOL_DATE: add(m, "a date (YYYY-MM-DD)"); return;
    case YYSYMBOL_BAR: add(m, "a table row (starting with '|')"); return;
    case YYSYMBOL_TABLE: add(m, "a table name"); return;
    case YYSYMBOL_CELL: add(m, "a table cell"); return;
    case YYSYMBOL_ROW_END: add(m, "the end of the line"); return;
    default: break;
    }
    /* keywords and operators are named by their text; '(' comes quoted */
    const char *n = yysymbol_name(sym);
    add(m, n[0] == '\'' ? "%s" : "'%s'", n);
}

static int has_symbol(const yysymbol_kind_t *v, int n, yysymbol_kind_t sym)
{
    for (int i = 0; i < n; i++)
        if (v[i] == sym)
            return 1;
    return 0;
}

/* '(' has no stable symbol number: find it by name. */
static int has_lparen(const yysymbol_kind_t *v, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(yysymbol_name(v[i]), "'('") == 0)
            return 1;
    return 0;
}

/* What was found: the token's own text, short. */
static void add_found(Msg *m, yysymbol_kind_t tok, const Span *at)
{
    if (tok == YYSYMBOL_YYEOF) {
        add(m, "the end of the file");
        return;
    }
    if (tok == YYSYMBOL_ROW_END) {
        add(m, "the end of the line");
        return;
    }
    unsigned len = at->end - at->start;
    const char *t = at->src->text + at->start;
    if (len > 40)
        add(m, "'%.37s...'", t);
    else
        add(m, "'%.*s'", (int)len, t);
}

/* Is a value (a number, a name or a parenthesis) what must come next? */
static int value_expected(const yysymbol_kind_t *exp, int n)
{
    return has_symbol(exp, n, YYSYMBOL_NAME) && has_symbol(exp, n, YYSYMBOL_NUMBER) && has_lparen(exp, n);
}

/* The hint for what the parser expected, in the reader's words. */
static void add_expected(Msg *m, const yysymbol_kind_t *exp, int n)
{
    if (has_symbol(exp, n, YYSYMBOL_TEST)) {
        add(m, "expected a line of a test (test, rules, data, a table name, expect, from or as of)");
    } else if (has_symbol(exp, n, YYSYMBOL_NOTHING) && has_symbol(exp, n, YYSYMBOL_BAR)) {
        add(m, "expected the expected actions as a table (rows starting with '|'), or 'nothing'");
    } else if (has_symbol(exp, n, YYSYMBOL_THEN)) {
        add(m, "expected 'then' after the condition");
    } else if (has_symbol(exp, n, YYSYMBOL_WHEN) && has_symbol(exp, n, YYSYMBOL_PER)) {
        add(m, "expected 'when' and the rule's condition");
    } else if (has_symbol(exp, n, YYSYMBOL_ASSIGN) && !has_symbol(exp, n, YYSYMBOL_PRIORITY)) {
        add(m, "expected an action after 'then' (assign coaching, adjust, notify, schedule review or flag)");
    } else if (value_expected(exp, n)) {
        add(m, "expected a value (a number, a metric or a measure)");
    } else if (n == 2 && has_symbol(exp, n, YYSYMBOL_NAME) && has_symbol(exp, n, YYSYMBOL_STRING)) {
        add(m, "expected a coaching topic (MEDDIC, SPIN, Challenger, NEAT, OKR, or a topic in quotes)");
    } else if (has_symbol(exp, n, YYSYMBOL_WEEK) && !has_symbol(exp, n, YYSYMBOL_NUMBER)) {
        add(m, "expected a unit of time (days, weeks, months or quarters)");
    } else if (has_symbol(exp, n, YYSYMBOL_WEEK)) {
        add(m, "expected a duration, as in '2 weeks'");
    } else if (n > 0 && n <= 6) {
        add(m, "expected ");
        for (int i = 0; i < n; i++) {
            if (i > 0)
                add(m, i == n - 1 ? " or " : ", ");
            add_symbol(m, exp[i]);
        }
    } else {
        add(m, "this is not valid here");
    }
}

/* ---- hints for the mistakes rule authors make most ---- */

/* `weks` where a unit of time belongs: did you mean `weeks`? */
static int unit_hint(PState *ps, const Span *at, yysymbol_kind_t prev)
{
    static const char *const units[] = {"days", "weeks", "months", "quarters",
                                        "day", "week", "month", "quarter"};
    static const char *const periods[] = {"week", "month", "quarter"};
    int is_period = prev == YYSYMBOL_PERIOD;
    char word[64];
    front_span_text(*at, word, sizeof word);
    const char *best = is_period ? suggest_closest(word, periods, 3) : suggest_closest(word, units, 8);
    Diag *d = ps->f->d;
    if (is_period && best)
        diag_error(d, *at, "'%s' is not a period; did you mean '%s'? (a file's period is week, month or quarter)",
                   word, best);
    else if (is_period)
        diag_error(d, *at, "'%s' is not a period: a file's period is week, month or quarter", word);
    else if (best)
        diag_error(d, *at, "'%s' is not a unit of time; did you mean '%s'?", word, best);
    else
        diag_error(d, *at, "'%s' is not a unit of time: write days, weeks, months or quarters", word);
    return 1;
}

/* The words an action starts with. */
static int is_verb(yysymbol_kind_t tok)
{
    return tok == YYSYMBOL_ASSIGN || tok == YYSYMBOL_ADJUST || tok == YYSYMBOL_NOTIFY ||
           tok == YYSYMBOL_SCHEDULE || tok == YYSYMBOL_FLAG;
}

/* `then coaching MEDDIC`: an action without its verb. */
static int verb_hint(PState *ps, yysymbol_kind_t tok, const Span *at)
{
    const char *verb = tok == YYSYMBOL_COACHING ? "assign"
                     : tok == YYSYMBOL_QUOTA || tok == YYSYMBOL_GOAL ? "adjust"
                     : tok == YYSYMBOL_REVIEW ? "schedule"
                     : tok == YYSYMBOL_MANAGER || tok == YYSYMBOL_REP ? "notify" : NULL;
    if (!verb)
        return 0;
    Span words = front_words(ps->src, at->start, 4);
    char text[128];
    front_span_text(words, text, sizeof text);
    const char *next = ps->src->text + words.end;
    while (*next == ' ' || *next == '\t')
        next++;
    int quote = *next == '"';   /* the action's text follows: shown as "..." */
    diag_error(ps->f->d, *at, "an action starts with what to do: write '%s %s%s'", verb, text,
               quote ? " \"...\"" : "");
    return 1;
}

/* `then ... for 2 weeks`: the streak belongs to the condition. */
static int for_hint(PState *ps, const Span *at)
{
    Span words = front_words(ps->src, at->end, 2);
    if (words.end == words.start || !strchr("0123456789", at->src->text[words.start]))
        return 0;   /* not `for N weeks` */
    Span all = {at->src, at->start, words.end};
    char text[64];
    front_span_text(all, text, sizeof text);
    diag_error(ps->f->d, all, "'%s' belongs to the condition: write it before 'then', "
               "as in 'when CONDITION %s then ACTION'", text, text);
    return 1;
}

/* `win rate`: a name written with a space (or, after an action, a
 * coaching topic of several words). */
static int space_hint(PState *ps, yysymbol_kind_t tok, yysymbol_kind_t prev, const Span *at,
                      const yysymbol_kind_t *exp, int n)
{
    if (tok != YYSYMBOL_NAME || prev != YYSYMBOL_NAME || !front_adjacent(ps->prev_at, *at))
        return 0;
    if (has_symbol(exp, n, YYSYMBOL_PRIORITY)) {
        front_topic_words(ps, ps->prev_at);
        return 1;
    }
    Span both = {at->src, ps->prev_at.start, at->end};
    char a[64], b[64];
    front_span_text(ps->prev_at, a, sizeof a);
    front_span_text(*at, b, sizeof b);
    diag_error(ps->f->d, both, "a name cannot have spaces: write '%s_%s' (words joined with _)", a, b);
    return 1;
}

/* `rule Low win rate`: the name's words (keywords such as `low` too). */
static int rule_name_hint(PState *ps, yysymbol_kind_t prev, const Span *at,
                          const yysymbol_kind_t *exp, int n)
{
    char first = at->src->text[at->start];
    int word = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
    if (!word || prev != YYSYMBOL_RULE || !has_symbol(exp, n, YYSYMBOL_STRING))
        return 0;
    Span words = front_words(ps->src, at->start, 0);
    char text[128];
    front_span_text(words, text, sizeof text);
    diag_error(ps->f->d, words, "a rule's name goes in quotes: rule \"%s\"", text);
    return 1;
}

/* `metric m = a +` with the next item on the next line: the value is
 * missing at the end of the line, not at the next line's start. */
static int line_end_hint(PState *ps, const Span *at, const yysymbol_kind_t *exp, int n)
{
    Span prev = ps->prev_at;
    if (!value_expected(exp, n) || prev.src != at->src || prev.end >= at->start ||
        !memchr(at->src->text + prev.end, '\n', at->start - prev.end))
        return 0;
    char op[16];
    front_span_text(prev, op, sizeof op);
    diag_error(ps->f->d, prev, "expected a value (a number, a metric or a measure) after '%s', "
               "but the line ends there", op);
    return 1;
}

/* `when COND` and then an action without `then`. */
static int then_hint(PState *ps, yysymbol_kind_t tok, const Span *at, const yysymbol_kind_t *exp, int n)
{
    if (!has_symbol(exp, n, YYSYMBOL_THEN) || !is_verb(tok))
        return 0;
    char word[32];
    front_span_text(*at, word, sizeof word);
    diag_error(ps->f->d, *at, "'then' is missing before the first action: write 'then %s ...'", word);
    return 1;
}

/* The mistake behind a syntax error, when the tokens around it tell
 * (each hint reports it and returns 1); 0 when none does. */
static int hint(PState *ps, yysymbol_kind_t tok, const Span *at, const yysymbol_kind_t *exp, int n)
{
    yysymbol_kind_t prev = YYTRANSLATE(ps->prev_tok);
    int unit_wanted = tok == YYSYMBOL_NAME && has_symbol(exp, n, YYSYMBOL_WEEK) &&
                      (prev == YYSYMBOL_NUMBER || prev == YYSYMBOL_PERIOD);
    return space_hint(ps, tok, prev, at, exp, n) || rule_name_hint(ps, prev, at, exp, n) ||
           (unit_wanted && unit_hint(ps, at, prev)) || line_end_hint(ps, at, exp, n) ||
           (has_symbol(exp, n, YYSYMBOL_ASSIGN) && verb_hint(ps, tok, at)) ||
           then_hint(ps, tok, at, exp, n) ||
           (tok == YYSYMBOL_FOR && has_symbol(exp, n, YYSYMBOL_PRIORITY) && for_hint(ps, at));
}

/* file:line:col: error: expected 'then' after the condition, found 'assign' */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, PState *ps)
{
    (void)scanner;
    const Span *at = yypcontext_location(ctx);
    yysymbol_kind_t tok = yypcontext_token(ctx);
    Diag *d = ps->f->d;
    if (at->start < ps->quiet_to)
        return 0;   /* explained by the message before */
    if (tok == YYSYMBOL_INVALID) {
        diag_error(d, *at, "%s", ps->invalid);
        return 0;
    }
    yysymbol_kind_t exp[YYNTOKENS];
    int n = yypcontext_expected_tokens(ctx, exp, YYNTOKENS);
    if (n < 0)
        n = 0;
    if (tok == YYSYMBOL_BAR && has_symbol(exp, n, YYSYMBOL_TEST)) {
        diag_error(d, *at, "a table row must follow a table name (activities, opportunities, "
                   "metrics, targets, roster) or 'expect'");
        return 0;
    }
    if (!ps->test && hint(ps, tok, at, exp, n))
        return 0;
    Msg m = {.n = 0};
    add_expected(&m, exp, n);
    add(&m, ", found ");
    add_found(&m, tok, at);
    diag_error(d, *at, "%s", m.s);
    return 0;
}

/* Only bison's own failures come here: the stack limit (a file nested
 * thousands deep) or memory. */
static void yyerror(const Span *at, yyscan_t scanner, PState *ps, const char *msg)
{
    (void)scanner;
    if (strstr(msg, "exhausted"))
        diag_error(ps->f->d, *at, "this is nested too deeply (thousands of levels); split it up");
    else
        diag_error(ps->f->d, *at, "%s", msg);
}
