#include "collation.h"
#include <unicode/ucol.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

void *factsheet_collator_open(const char *locale) {
    UErrorCode status = U_ZERO_ERROR;
    UCollator *collator = ucol_open(locale, &status);
    if (U_FAILURE(status)) {
        if (collator != NULL) ucol_close(collator);
        return NULL;
    }
    return collator;
}

void factsheet_collator_close(void *collator) { ucol_close((UCollator *)collator); }

int32_t factsheet_collator_sort_key(const void *collator, const uint16_t *text, int32_t length,
                                    uint8_t *key, int32_t capacity) {
    return ucol_getSortKey((const UCollator *)collator, (const UChar *)text, length, key, capacity);
}

int32_t factsheet_locale_for_tag(const char *tag, char *locale, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t parsed = 0;
    int32_t length = uloc_forLanguageTag(tag, locale, capacity, &parsed, &status);
    if (U_FAILURE(status) || length >= capacity || parsed <= 0) return -1;
    return length;
}

void *factsheet_plural_open(const char *locale) {
    UErrorCode status = U_ZERO_ERROR;
    UPluralRules *rules = uplrules_openForType(locale, UPLURAL_TYPE_CARDINAL, &status);
    if (U_FAILURE(status)) {
        if (rules != NULL) uplrules_close(rules);
        return NULL;
    }
    return rules;
}

void factsheet_plural_close(void *rules) { uplrules_close((UPluralRules *)rules); }

int32_t factsheet_plural_select(const void *rules, double number, char *category, int32_t capacity) {
    UChar buffer[32];
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = uplrules_select((const UPluralRules *)rules, number, buffer, 32, &status);
    if (U_FAILURE(status) || length >= 32 || length >= capacity) return -1;
    u_austrcpy(category, buffer);
    return length;
}

void *factsheet_spellout_open(const char *locale) {
    UErrorCode status = U_ZERO_ERROR;
    UNumberFormat *format = unum_open(UNUM_SPELLOUT, NULL, 0, locale, NULL, &status);
    if (U_FAILURE(status)) {
        if (format != NULL) unum_close(format);
        return NULL;
    }
    return format;
}

void factsheet_spellout_close(void *format) { unum_close((UNumberFormat *)format); }

int32_t factsheet_spellout_format(const void *format, int64_t number, char *text, int32_t capacity) {
    UChar buffer[256];
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = unum_formatInt64((const UNumberFormat *)format, number, buffer, 256, NULL, &status);
    if (U_FAILURE(status) || length >= 256) return -1;
    int32_t written = 0;
    u_strToUTF8(text, capacity, &written, buffer, length, &status);
    if (U_FAILURE(status) || written >= capacity) return -1;
    return written;
}
