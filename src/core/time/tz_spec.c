/* tz_spec.c: the forms of a zone a user types after --tz / --input-tz beyond IANA
 * names: fixed offsets as people write them ("UTC+1", "GMT-05:30", "+1", "+01",
 * "+0100", "+01:00"), and a hint for abbreviations ("WAT", "CET"), which name no
 * single zone. "UTC+1" means one hour ahead of UTC (ISO 8601, and how people say it),
 * not the POSIX TZ reading (TZ=UTC+1 is one hour behind); the tz database's own
 * "Etc/GMT+1" keeps its POSIX meaning, since it is a file of that database. */
#include "time/tz.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "fl_chars.h"

/* Up to two digits at *p, advancing it; -1 when none. */
static int small_num(const char **p)
{
    int v = -1;
    for (int k = 0; k < 2 && fl_is_digit(**p); k++, (*p)++)
        v = (v < 0 ? 0 : v * 10) + (**p - '0');
    return v;
}

int fl_tz_user_offset(const char *spec, int32_t *offset_s)
{
    const char *p = spec;
    if (strncasecmp(p, "UTC", 3) == 0 || strncasecmp(p, "GMT", 3) == 0)
        p += 3;
    if (!*p && p != spec) { /* "UTC", "gmt" */
        *offset_s = 0;
        return 1;
    }
    if (*p != '+' && *p != '-')
        return 0;
    int sign = *p++ == '-' ? -1 : 1, m = 0;
    const char *h_at = p;
    int h = small_num(&p);
    if (h < 0)
        return 0;
    if (*p == ':' || (p - h_at == 2 && fl_is_digit(*p))) { /* "+01:00", "+0100" */
        p += *p == ':';
        const char *m_at = p;
        m = small_num(&p);
        if (p - m_at != 2)
            return 0;
    }
    if (*p || m >= 60 || h * 60 + m > 14 * 60) /* real offsets span -12:00 .. +14:00 */
        return 0;
    *offset_s = sign * (h * 3600 + m * 60);
    return 1;
}

/* Abbreviations the tz database prints, with zones that use them (and their offsets
 * where the abbreviation is ambiguous). */
static const struct {
    const char *abbr, *zones;
} abbrs[] = {
    {"WAT", "Africa/Lagos, Africa/Kinshasa, Africa/Luanda (+01:00)"},
    {"CAT", "Africa/Maputo, Africa/Harare, Africa/Lusaka (+02:00)"},
    {"EAT", "Africa/Nairobi, Africa/Addis_Ababa, Africa/Dar_es_Salaam (+03:00)"},
    {"SAST", "Africa/Johannesburg (+02:00)"},
    {"WET", "Europe/Lisbon, Atlantic/Canary (+00:00, WEST +01:00 in summer)"},
    {"WEST", "Europe/Lisbon, Atlantic/Canary (+01:00 in summer)"},
    {"CET", "Europe/Paris, Europe/Berlin, Africa/Algiers (+01:00, CEST +02:00 in summer)"},
    {"CEST", "Europe/Paris, Europe/Berlin, Europe/Madrid (+02:00 in summer)"},
    {"EET", "Europe/Athens, Europe/Kyiv, Africa/Cairo (+02:00, EEST +03:00 in summer)"},
    {"EEST", "Europe/Athens, Europe/Kyiv, Europe/Helsinki (+03:00 in summer)"},
    {"BST", "Europe/London (+01:00 in summer)"},
    {"IST", "Asia/Kolkata (+05:30), Europe/Dublin (+01:00 in summer), Asia/Jerusalem (+02:00)"},
    {"MSK", "Europe/Moscow (+03:00)"},
    {"PKT", "Asia/Karachi (+05:00)"},
    {"ICT", "Asia/Bangkok, Asia/Ho_Chi_Minh (+07:00)"},
    {"WIB", "Asia/Jakarta (+07:00)"},
    {"SGT", "Asia/Singapore (+08:00)"},
    {"HKT", "Asia/Hong_Kong (+08:00)"},
    {"AWST", "Australia/Perth (+08:00)"},
    {"JST", "Asia/Tokyo (+09:00)"},
    {"KST", "Asia/Seoul (+09:00)"},
    {"ACST", "Australia/Adelaide, Australia/Darwin (+09:30)"},
    {"AEST", "Australia/Sydney, Australia/Brisbane (+10:00)"},
    {"AEDT", "Australia/Sydney, Australia/Melbourne (+11:00 in summer)"},
    {"NZST", "Pacific/Auckland (+12:00)"},
    {"NZDT", "Pacific/Auckland (+13:00 in summer)"},
    {"HST", "Pacific/Honolulu (-10:00)"},
    {"AKST", "America/Anchorage (-09:00)"},
    {"PST", "America/Los_Angeles, America/Vancouver (-08:00)"},
    {"PDT", "America/Los_Angeles, America/Vancouver (-07:00 in summer)"},
    {"MST", "America/Denver, America/Phoenix (-07:00)"},
    {"MDT", "America/Denver, America/Edmonton (-06:00 in summer)"},
    {"CST", "America/Chicago, America/Mexico_City (-06:00), Asia/Shanghai (+08:00)"},
    {"CDT", "America/Chicago (-05:00 in summer)"},
    {"EST", "America/New_York, America/Toronto (-05:00)"},
    {"EDT", "America/New_York, America/Toronto (-04:00 in summer)"},
    {"AST", "America/Halifax, America/Puerto_Rico (-04:00), Asia/Riyadh (+03:00)"},
    {"BRT", "America/Sao_Paulo (-03:00)"},
    {"ART", "America/Argentina/Buenos_Aires (-03:00)"},
};

/* The offset of the first zone of a zones entry ("... (+05:30) ...") as people type
 * it for --tz: "UTC+5:30", "UTC-8"; "UTC+1" when the entry has none. */
static void first_offset(const char *zones, char *buf, size_t len)
{
    const char *p = strchr(zones, '(');
    int h, m;
    char sign;
    if (!p || sscanf(p + 1, "%c%2d:%2d", &sign, &h, &m) != 3 || (sign != '+' && sign != '-')) {
        snprintf(buf, len, "UTC+1");
        return;
    }
    if (m)
        snprintf(buf, len, "UTC%c%d:%02d", sign, h, m);
    else
        snprintf(buf, len, "UTC%c%d", sign, h);
}

int fl_tz_abbr_hint(const char *spec, char *buf, size_t len)
{
    size_t n = strlen(spec);
    for (size_t i = 0; i < sizeof abbrs / sizeof abbrs[0]; i++)
        if (strcasecmp(spec, abbrs[i].abbr) == 0) {
            char off[16];
            int first = (int)strcspn(abbrs[i].zones, ", (");
            first_offset(abbrs[i].zones, off, sizeof off);
            snprintf(buf, len, "'%s' is an abbreviation, not a zone; did you mean %.*s? Zones that use it: %s. "
                               "give an IANA name or an offset such as %s",
                     abbrs[i].abbr, first, abbrs[i].zones, abbrs[i].zones, off);
            return 1;
        }
    for (size_t i = 0; i < n; i++)
        if (spec[i] < 'A' || spec[i] > 'Z')
            return 0;
    if (n < 2 || n > 5)
        return 0;
    snprintf(buf, len, "'%s' looks like a zone abbreviation, which can name several zones: "
                       "use an IANA name like Europe/Paris or an offset like +01:00", spec);
    return 1;
}
