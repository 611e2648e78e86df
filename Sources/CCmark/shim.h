// The CommonMark parser (Debian's libcmark-gfm-dev): pyvs reads code blocks
// as CommonMark does, with their source lines.
#include <cmark-gfm.h>
