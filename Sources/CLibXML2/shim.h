// libxml2 from Debian (libxml2-dev), for its streaming reader (xmlTextReader): the parts of a
// workbook and the logo are read with it (see XMLReader.swift).
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, and encoding.h then includes ICU's headers, whose types clash
// with the copy of ICU that Foundation brings. Only the two converter fields at the end of
// xmlCharEncodingHandler depend on it; no Swift code reaches into that struct.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
