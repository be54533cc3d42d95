#ifndef CCMARKGFM_SHIM_H
#define CCMARKGFM_SHIM_H
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
/* houdini_escape_href: a link's address escaped exactly as cmark-gfm writes it into `href`. */
#include <cmark-gfm/houdini.h>
#endif
