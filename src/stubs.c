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

