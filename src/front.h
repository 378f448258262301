/* front.h — inside the front end: what the lexer (grammar/pace.l), the
 * parser (grammar/pace.y), their driver (parse.c) and the formatter
 * (fmt.c) share.  Nothing outside those files includes it; the rest of
 * Pace sees only parse.h.
 *
 * Every node the parser builds lives in the program's arena, so a parse
 * that fails half way frees with the program and bison needs no
 * %destructor.  The only heap arrays are the Program's own (metrics,
 * rules, measures, sources: ast_free frees them) and the Front's lists
 * below (front_done frees them). */
#ifndef PACE_FRONT_H
#define PACE_FRONT_H

#include "ast.h"

struct TestFile;

/* Limits that protect the machine from hostile or broken rule files. */
enum {
    FRONT_MAX_NAME = 256,        /* bytes in a name */
    FRONT_MAX_STRING = 4096,     /* bytes in a quoted text */
    FRONT_MAX_NUMBER_TEXT = 64,  /* characters in a number literal */
    FRONT_MAX_DEPTH = 256,       /* levels of an expression tree */
    FRONT_MAX_INCLUDE = 16,      /* files including files */
    FRONT_MAX_DURATION = 1000,   /* N in `N weeks` (and days, months, ...) */
};

/* The largest number a rule may write: far above any quota, small enough
 * that sums of them stay exact in a double. */
#define FRONT_MAX_NUMBER 1e15

/* A number token: value after units, and the literal as written. */
typedef struct NumLit {
    double value;
    NumUnit unit;
    NumScale scale;
    const char *text;
} NumLit;

/* Top-level items in file order, for pace fmt (which prints them back). */
typedef enum ItemKind {
    ITEM_PERIOD,   /* period week */
    ITEM_FISCAL,   /* fiscal year starts April: text = the month as written */
    ITEM_METRIC,   /* index into Program.metrics */
    ITEM_MEASURE,  /* measures index .. index + count - 1 */
    ITEM_RULE,     /* index into Program.rules */
    ITEM_INCLUDE,  /* include "file": text = the file as written */
} ItemKind;

typedef struct Item {
    ItemKind kind;
    int index, count;
    Span span;              /* from the item's first token to its last */
    const char *text;
} Item;

/* One parse job: a program and what is shared across its included files. */
typedef struct Front {
    Program *prog;
    Diag *d;
    int fmt_mode;           /* pace fmt: one file, no prelude, includes not followed */
    int in_prelude;         /* parsing the built-in prelude */
    size_t metrics_cap, rules_cap, measures_cap, sources_cap;
    char **stack;           /* real paths of the files being parsed (cycles) */
    int depth;
    char **seen;            /* real paths of every file parsed (include once) */
    int nseen;
    Item *items;            /* fmt_mode: top-level items */
    int nitems;
    size_t items_cap;
    Span *comments;         /* fmt_mode: every # comment */
    int ncomments;
    size_t comments_cap;
} Front;

/* The state of one file's parse: the lexer's extra data and the parser's
 * parameter. */
typedef struct PState {
    Front *f;
    const Source *src;
    unsigned offset;        /* the lexer's byte position */
    const char *invalid;    /* why the last INVALID token is invalid */
    int too_deep;           /* an expression-depth error was reported */
    int item_errors;        /* errors reported before the current item: an
                             * item with more is broken (not checked) */
    /* the last two tokens read (token number and place), so a syntax
     * error can say more from the token before it (`win rate`) */
    int tok, prev_tok;
    Span tok_at, prev_at;
    unsigned quiet_to;      /* a syntax error before this offset was
                             * explained already: not reported again */
    /* pace test: a test file is read by the same lexer and parser; the
     * lexer's first token tells the parser which kind of file it reads */
    struct TestFile *test;  /* the test file being built, or NULL */
    int started;            /* the start token was returned */
} PState;

/* Builders the grammar's actions fill (arena-allocated). */
typedef struct RuleHead {
    ScopeKind scope;
    Span scope_span;
    int has_scope;
    Filter *filters;
    int nfilters, cap;
} RuleHead;

typedef struct ActList {
    Action **v;
    int n, cap;
} ActList;

typedef struct RuleTail {
    Expr *until;
    Duration repeat;
    int has_repeat;
} RuleTail;

typedef struct ExprList {
    Expr **v;
    int n, cap;
    Duration window;
    int has_window;
} ExprList;

/* parse.c: the driver. */
void front_init(Front *f, Program *prog, Diag *d);
void front_done(Front *f);
/* Parses one source into f->prog (the source must outlive the program). */
void front_parse(Front *f, const Source *src);
/* A UTF-8 byte order mark at the start (Windows editors write one): its
 * length (3) or 0.  front_strip_bom takes it out of a loaded file, so
 * columns on the first line count from the first real character. */
int front_bom(const Source *src);
void front_strip_bom(Source *src);

/* parse.c: constructors and checks called from the grammar's actions. */
Expr *front_num(PState *ps, NumLit n, Span at);
Expr *front_name(PState *ps, const char *name, Span at);
Expr *front_unary(PState *ps, ExprKind k, Expr *e, Span at);
Expr *front_binary(PState *ps, ExprKind k, Expr *l, Expr *r, Span at);
Expr *front_for(PState *ps, Expr *e, Duration w, Span at);
Expr *front_change(PState *ps, ChangeDir dir, Expr *e, Expr *amount,
                   const Duration *over, Span at);
Expr *front_call(PState *ps, const char *name, Span name_at, ExprList *args, Span at);
Expr *front_call_text(PState *ps, const char *name, Span name_at, const char *text, Span at);
Expr *front_signed(PState *ps, Expr *num, int sign, Span at);
ExprList *front_args(PState *ps, ExprList *list, Expr *e);
Duration front_window(PState *ps, const NumLit *n, int has_unit, DurUnit unit, Span at);
Expr *front_bad_amount(PState *ps, NumLit n, Span at);

/* An item (period, metric, rule, ...) starts: its first keyword. */
void front_item_start(PState *ps);
void front_set_period(PState *ps, DurUnit unit, Span at, Span item);
void front_period_broken(PState *ps);
void front_set_fiscal(PState *ps, const char *month, Span at, Span item);
void front_add_metric(PState *ps, const char *name, Span at, Expr *e, Expr *floor, Span item);
/* metric NAME followed by a syntax error: the name is known, unchecked. */
void front_broken_metric(PState *ps, const char *name, Span at);
void front_add_measure(PState *ps, const char *name, Span at, Span item);
void front_include(PState *ps, const char *path, Span at, Span item);

RuleHead *front_head_new(PState *ps);
void front_head_scope(PState *ps, RuleHead *h, ScopeKind s, Span at);
void front_head_filter(PState *ps, RuleHead *h, FilterKind k, const char *field,
                       const char *value, Span at);
ActList *front_acts(PState *ps, ActList *list, Action *a);
Action *front_action(PState *ps, ActionKind k, Span at);
Action *front_coaching(PState *ps, const char *topic, int quoted, Span topic_at, Span at);
void front_modifier_expect(PState *ps, Action *a, Expr *cond, Duration within, Span at);
RuleTail *front_tail_new(PState *ps);
void front_tail_until(PState *ps, RuleTail *t, Expr *cond, Span at);
void front_tail_repeat(PState *ps, RuleTail *t, Duration every, Span at);
void front_add_rule(PState *ps, const char *name, Span name_at, Span first,
                    RuleHead *head, Expr *cond, ActList *acts, RuleTail *tail,
                    Span item);

/* Source text helpers for messages (parse.c). */
/* The span's text into buf (cut to size), NUL-terminated. */
void front_span_text(Span at, char *buf, size_t size);
/* Nothing but blanks between a and b, on one line. */
int front_adjacent(Span a, Span b);
/* The plain words from offset `from` on its line (at most max, 0: any):
 * up to the end of the line, a comment, a quote or a keyword that ends
 * a rule's name or an action (for, when, priority, ...). */
Span front_words(const Source *src, unsigned from, int max);
/* `assign coaching Needs analysis`: reports that a topic of several
 * words (starting at `first`) goes in quotes. */
void front_topic_words(PState *ps, Span first);

/* The lexer's helpers (parse.c). */
void front_comment(PState *ps, Span at);
const char *front_intern(PState *ps, const char *s, size_t len);

#endif
