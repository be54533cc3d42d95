// zlib from Debian (zlib1g-dev), for checking a workbook part's deflate stream before ZIPFoundation
// unpacks it (see WorkbookPackage.swift).
#include <zlib.h>
