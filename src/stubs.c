/* STUB: every function here is replaced by its module's real file; delete
 * a function here when its module lands. */
#include <stdlib.h>
#include <string.h>
#include "actions.h"
#include "check.h"
#include "csvin.h"
#include "eval.h"
#include "fmt.h"
#include "output.h"
#include "parse.h"
#include "store.h"
#include "testfile.h"

const char prelude_text[] = "";
Program *parse_files(const char *const *paths, int npaths, Diag *d) { (void)paths; (void)npaths; diag_fail(d, "parser not implemented"); return ast_new(); }
Program *parse_text(const char *name, const char *text, size_t len, Diag *d) { (void)name; (void)text; (void)len; diag_fail(d, "parser not implemented"); return ast_new(); }
int chk_program(Program *prog, Diag *d) { (void)prog; (void)d; return 0; }
int fmt_source(const Source *src, FILE *out, Diag *d) { (void)src; (void)out; diag_fail(d, "fmt not implemented"); return 1; }
int fmt_file(const char *path, int w, int c, Diag *d) { (void)path; (void)w; (void)c; diag_fail(d, "fmt not implemented"); return 1; }
int csvin_read(const char *path, const CsvOptions *opt, Store *store, CsvStats *stats, Diag *d) { (void)path; (void)opt; (void)store; (void)stats; diag_fail(d, "importer not implemented"); return 1; }
const char *csvin_shape_name(CsvShape shape) { (void)shape; return "?"; }
Store *store_new(const StoreNeeds *needs) { (void)needs; return calloc(1, 1); }
void store_free(Store *s) { free(s); }
void ev_needs(const Program *prog, StoreNeeds *needs) { (void)prog; memset(needs, 0, sizeof *needs); }
ActionList *ev_run(const Program *prog, const Store *store, const EvalOptions *opt, Diag *d) { (void)prog; (void)store; (void)opt; diag_fail(d, "evaluator not implemented"); return NULL; }
int ev_explain(const Program *prog, const Store *store, const EvalOptions *opt, const char *subject, FILE *out, Diag *d) { (void)prog; (void)store; (void)opt; (void)subject; (void)out; diag_fail(d, "explain not implemented"); return 1; }
void actions_free(ActionList *list) { free(list); }
int out_format_parse(const char *name) { (void)name; return 0; }
int out_write(FILE *f, OutFormat format, const ActionList *list) { (void)f; (void)format; (void)list; return -1; }
int outfile_open(OutFile *o, const char *path, Diag *d) { (void)o; (void)path; diag_fail(d, "output not implemented"); return 1; }
int outfile_commit(OutFile *o, Diag *d) { (void)o; (void)d; return 1; }
void outfile_abort(OutFile *o) { (void)o; }
int tf_run_files(const char *const *paths, int npaths, int coverage, FILE *out, Diag *d) { (void)paths; (void)npaths; (void)coverage; (void)out; diag_fail(d, "pace test not implemented"); return 1; }
