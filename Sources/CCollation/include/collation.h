#ifndef FACTSHEET_COLLATION_H
#define FACTSHEET_COLLATION_H
// ICU's collator from Debian's libicu-dev, behind a header without ICU types: Swift's
// Foundation imports its own copy of ICU's headers, whose types would clash with these.
#include <stdbool.h>
#include <stdint.h>

/// Opens ICU's collator for a locale such as "sq" or "en"; NULL when ICU has no data at all.
void *factsheet_collator_open(const char *locale);

void factsheet_collator_close(void *collator);

/// Writes the sort key of `length` UTF-16 units into `key` (room for `capacity` bytes) and
/// returns its length, terminating zero included; when that exceeds `capacity`, call again with
/// more room. ICU defines comparing two keys byte by byte as equal to collating the strings.
int32_t factsheet_collator_sort_key(const void *collator, const uint16_t *text, int32_t length,
                                    uint8_t *key, int32_t capacity);
#endif
