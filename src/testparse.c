/* testparse.c — reads a test file through the rule language's own
 * flex/bison front end (grammar/pace.l, grammar/pace.y): the lexer starts
 * the parser on its test-file grammar and reads table rows in a state of
 * their own; the grammar's actions build the TestFile (testast.h).  So a
 * mistake in a test file gets the same file:line:col message, source line
 * and caret as a mistake in a rule file. */
#include "testast.h"

#include "front.h"
#include "parser.h"
#include "lexer.h"

TestFile *tast_parse_file(const char *path, Diag *d)
{
    Source *src = source_load(path, d);
    if (!src)
        return NULL;
    TestFile *tf = tast_new(src);
    /* The lexer interns the strings it reads in a program's arena; the
     * builder copies what it keeps into the test file's own. */
    Program *scratch = ast_new();
    Front f;
    front_init(&f, scratch, d);
    PState ps = {.f = &f, .src = src, .test = tf};
    yyscan_t scanner;
    if (yylex_init_extra(&ps, &scanner) != 0) {
        diag_fail(d, "cannot start the test-file parser");
    } else {
        YY_BUFFER_STATE buf = yy_scan_bytes(src->text, (int)src->len, scanner);
        yyparse(scanner, &ps);
        yy_delete_buffer(buf, scanner);
        yylex_destroy(scanner);
    }
    front_done(&f);
    ast_free(scratch);
    return tf;
}
