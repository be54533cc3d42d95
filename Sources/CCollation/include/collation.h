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

/// Writes ICU's locale id for a BCP 47 tag ("sr-Latn" → "sr_Latn") into `locale` (room for
/// `capacity` bytes, terminating zero included); returns its length, or -1 on failure.
int32_t factsheet_locale_for_tag(const char *tag, char *locale, int32_t capacity);

/// Opens ICU's cardinal plural rules (CLDR) for a locale; NULL when ICU has none.
void *factsheet_plural_open(const char *locale);

void factsheet_plural_close(void *rules);

/// Writes the CLDR plural category of `number` ("one", "few", "other" …) into `category` (room
/// for `capacity` bytes, terminating zero included); returns its length, or -1 on failure.
int32_t factsheet_plural_select(const void *rules, double number, char *category, int32_t capacity);

/// Opens ICU's rule-based spell-out of numbers (CLDR) for a locale; NULL when ICU has none.
void *factsheet_spellout_open(const char *locale);

void factsheet_spellout_close(void *format);

/// Writes `number` spelled out ("six", "gjashtë") as UTF-8 into `text` (room for `capacity`
/// bytes, terminating zero included); returns its length, or -1 on failure.
int32_t factsheet_spellout_format(const void *format, int64_t number, char *text, int32_t capacity);
#endif
