// The CommonMark parser (Debian's libcmark-gfm-dev): pyvs reads code blocks
// as CommonMark does, with their source lines; and renders a document as
// GitHub does, tables included (libcmark-gfm-extensions-dev).
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
