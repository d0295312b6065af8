/* One C pass over NFC Vietnamese text: does it need anything beyond re-spelling a few words?
 *
 * normalize_text() calls scan() first.  scan() returns False when the text holds a character
 * whose NFC quick check is not "yes" (a combining mark, a character that composes with the one
 * before, one NFC never keeps, anything beyond the BMP): unicodedata then takes over.  Text
 * without such characters is NFC.  scan() returns None when the text needs any clean-up step (an invisible or look-alike character, a double space, a space
 * before a closing mark or after an opening one, a blank line too many, whitespace at either
 * end): the Python steps then run and define the result.  Otherwise it returns the flat list
 * [start0, end0, start1, end1, ...] of the words whose tone mark is on the wrong vowel for the
 * requested style (hoà in the old style, hòa in the new), plus words it cannot judge itself
 * (a combining mark, the ETH look-alike Ð/ð); Python re-spells those words with restyle_word,
 * the one definition of the rules.  An empty list means the text is already normalised.
 *
 * The character tables come from Python (letters.py and unicode_clean.py are the one place
 * the alphabet and the clean-up sets are defined): configure() receives them once at import.
 * The tone-position rule below mirrors tone._tone_position; tests compare the two on every
 * shared vector and on generated text.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* flag bits per BMP code point */
#define F_WORD 0x01    /* str.isalpha() or U+0300..U+036F: part of a word */
#define F_RARE 0x02    /* invisible, control or look-alike: the Python clean-up must run */
#define F_CLOSE 0x04   /* , . ; : ! ? … % ) ] } ” ’ »  (no space before) */
#define F_OPEN 0x08    /* ( [ { “ ‘ «  (no space after) */
#define F_SPACE 0x10   /* str.isspace() */
#define F_JUDGE 0x20   /* Python must judge the word: combining mark, Ð/ð */
#define F_VOWEL 0x40   /* a e i o u y and the shaped vowels, any case, any tone */
#define F_NFC 0x80     /* NFC quick check is not "yes": combining, composing or excluded */

static unsigned char flags[65536];
static Py_UCS2 untoned[65536]; /* lower-case letter without tone, 0 if not a Vietnamese letter */
static unsigned char tone_of[65536]; /* 1..5 when the letter carries a tone mark */
static int configured = 0;

#define MAX_WORD 8 /* no Vietnamese syllable is longer (nghiêng): longer words are left alone */

/* Letters as single bytes for the rule tables: ASCII as itself, đ = \x01, and the shaped
 * vowels ă â ê ô ơ ư = \x02..\x07. */
static const char *const NUCLEI[] = {
    "a", "\x02", "\x03", "e", "\x04", "i", "o", "\x05", "\x06", "u", "\x07", "y",
    "ai", "ao", "au", "ay", "\x03u", "\x03y", "eo", "\x04u", "ia", "i\x04", "iu", "oa",
    "o\x02", "oe", "oi", "\x05i", "\x06i", "oo", "ua", "u\x03", "u\x04", "ui", "u\x05", "u\x06",
    "uy", "\x07" "a", "\x07i", "\x07\x06", "\x07u", "y\x04",
    "i\x04u", "oai", "oao", "oay", "oeo", "u\x03y", "u\x05i", "uya", "uy\x04", "uyu", "\x07\x06i",
    "\x07\x06u", "y\x04u", NULL};

/* Vowel number 1..12 per letter byte (0: not a vowel), and the valid nuclei as a bitmap over
 * (v1, v2, v3) in base 13, filled from NUCLEI by configure(). */
static unsigned char vowel_no[128];
static unsigned char nucleus_ok[13 * 13 * 13];

static int nucleus_key(const char *s, Py_ssize_t n) {
    int key = 0;
    for (Py_ssize_t i = 0; i < 3; i++) key = key * 13 + (i < n ? vowel_no[(unsigned char)s[i]] : 0);
    return key;
}

static void init_rules(void) {
    const char *vowels = "aeiouy\x02\x03\x04\x05\x06\x07";
    for (int i = 0; vowels[i]; i++) vowel_no[(unsigned char)vowels[i]] = (unsigned char)(i + 1);
    for (const char *const *nu = NUCLEI; *nu; nu++)
        nucleus_ok[nucleus_key(*nu, (Py_ssize_t)strlen(*nu))] = 1;
}

/* Length of the onset at the start of s (the longest of tone._ONSETS that matches). */
static int onset_length(const char *s, Py_ssize_t n) {
    char a = s[0], b = n > 1 ? s[1] : 0;
    switch (a) {
    case 'n':
        if (b == 'g') return n > 2 && s[2] == 'h' ? 3 : 2;
        return b == 'h' ? 2 : 1;
    case 'c': case 'k': case 'p': return b == 'h' ? 2 : 1;
    case 't': return b == 'h' || b == 'r' ? 2 : 1;
    case 'g': return b == 'h' || b == 'i' ? 2 : 1;
    case 'q': return b == 'u' ? 2 : 0; /* q alone is no onset */
    case 'b': case 'd': case '\x01': case 'h': case 'l': case 'm': case 'r': case 's':
    case 'v': case 'x':
        return 1;
    default: return 0;
    }
}

static int coda_ok(const char *s, Py_ssize_t n) {
    if (n == 0) return 1;
    if (n == 1) return s[0] == 'c' || s[0] == 'm' || s[0] == 'n' || s[0] == 'p' || s[0] == 't';
    if (n == 2) return (s[0] == 'c' && s[1] == 'h') || (s[0] == 'n' && (s[1] == 'g' || s[1] == 'h'));
    return 0;
}

static char letter_byte(Py_UCS2 u) {
    switch (u) {
    case 0x0111: return '\x01'; /* đ */
    case 0x0103: return '\x02'; /* ă */
    case 0x00E2: return '\x03'; /* â */
    case 0x00EA: return '\x04'; /* ê */
    case 0x00F4: return '\x05'; /* ô */
    case 0x01A1: return '\x06'; /* ơ */
    case 0x01B0: return '\x07'; /* ư */
    default: return u < 0x80 ? (char)u : 0;
    }
}

/* Index of the letter that carries the tone in syllable s[0..n), or -1 if not a syllable.
 * Mirrors tone._tone_position. */
static int tone_position(const char *s, Py_ssize_t n, int new_style) {
    Py_ssize_t on = onset_length(s, n);
    const char *rest = s + on;
    Py_ssize_t rn = n - on, v = 0;
    while (v < rn && vowel_no[(unsigned char)rest[v]]) v++;
    if (v == 0) {
        if (on == 2 && s[0] == 'g' && s[1] == 'i') { /* gì, gìn: g + vowel i */
            on = 1;
            rest = s + 1;
            rn = n - 1;
            v = 1;
        } else {
            return -1;
        }
    }
    if (v > 3 || !nucleus_ok[nucleus_key(rest, v)] || !coda_ok(rest + v, rn - v)) return -1;
    if (on == 2 && s[0] == 'q' && rest[0] == 'u') return -1;
    int pos = -1;
    for (Py_ssize_t i = 0; i < v; i++) {
        if (rest[i] >= '\x02' && rest[i] <= '\x07') pos = (int)i; /* ươ takes it on ơ */
    }
    if (pos < 0) {
        if (v == 1) pos = 0;
        else if (v == 3) pos = 1;
        else if (rn > v) pos = 1; /* a coda follows */
        else if ((rest[0] == 'o' && (rest[1] == 'a' || rest[1] == 'e')) ||
                 (rest[0] == 'u' && rest[1] == 'y'))
            pos = new_style ? 1 : 0;
        else pos = 0;
    }
    return (int)on + pos;
}

static int append_span(PyObject *out, Py_ssize_t a, Py_ssize_t b) {
    PyObject *x = PyLong_FromSsize_t(a), *y = PyLong_FromSsize_t(b);
    int bad = x == NULL || y == NULL || PyList_Append(out, x) < 0 || PyList_Append(out, y) < 0;
    Py_XDECREF(x);
    Py_XDECREF(y);
    return bad ? -1 : 0;
}

/* Everything the scan needs about a BMP code point in one load: the flags (bits 0-7), the
 * letter byte (bits 8-15, 0 when not a Vietnamese letter) and the tone number (bits 16-18). */
static uint32_t info[65536];

static inline uint32_t info_at(Py_UCS4 ch) {
    if (ch < 65536) return info[ch];
    return F_NFC; /* beyond the BMP the tables say nothing: let unicodedata check NFC */
}

#define IS_SHAPED(c) ((c) >= '\x02' && (c) <= '\x07')

/* Words repeat (Zipf): the rule's answer for a spelling is kept in a small direct-mapped
 * cache keyed by the letters (7 bits each, at most 8: no syllable is longer), the toned
 * position and the style. */
#define CACHE_BITS 12
static uint64_t cache_key[1 << CACHE_BITS];
static unsigned char cache_flag[1 << CACHE_BITS];

static int misplaced(const char *s, int wlen, int toned_at, int new_style) {
    uint64_t key = 0;
    for (int k = 0; k < wlen; k++) key = (key << 7) | (unsigned char)s[k];
    key |= ((uint64_t)toned_at << 56) | ((uint64_t)new_style << 60) | ((uint64_t)1 << 63);
    size_t slot = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> (64 - CACHE_BITS));
    if (cache_key[slot] == key) return cache_flag[slot];
    int pos = tone_position(s, wlen, new_style);
    int flag = pos >= 0 && pos != toned_at;
    cache_key[slot] = key;
    cache_flag[slot] = (unsigned char)flag;
    return flag;
}

/* The scan, once per string kind (1, 2 or 4 bytes per character) so the inner loops read the
 * buffer directly.  Words are read by a tight loop that only accumulates (few branches: real
 * text has irregular word lengths); the rules run once per word.  Returns 2 when the text may
 * not be NFC, 0 when clean-up is needed, 1 when done, -1 on error. */
#define DEFINE_SCAN(NAME, CHAR_T, LOOKUP)                                                      \
    static int NAME(const CHAR_T *data, Py_ssize_t n, int new_style, int tone_only,           \
                    PyObject *out) {                                                           \
        char s[MAX_WORD + 1];                                                                  \
        Py_UCS4 prev = 0, prev2 = 0;                                                           \
        Py_ssize_t i = 0;                                                                      \
        while (i < n) {                                                                        \
            Py_UCS4 ch = data[i];                                                              \
            uint32_t x = LOOKUP(ch);                                                           \
            if (x & F_WORD) {                                                                  \
                Py_ssize_t start = i;                                                          \
                uint32_t acc = 0;                                                              \
                int wlen = 0, toned_at = -1, last_shaped = -1, vowels = 0, tones = 0, bad = 0; \
                do {                                                                           \
                    char c = (char)((x >> 8) & 0xFF);                                          \
                    int toned = (x >> 16) != 0;                                                \
                    acc |= x;                                                                  \
                    bad |= c == 0;                                                             \
                    s[wlen < MAX_WORD ? wlen : MAX_WORD] = c;                                  \
                    tones += toned;                                                            \
                    toned_at = toned ? wlen : toned_at;                                        \
                    last_shaped = IS_SHAPED(c) ? wlen : last_shaped;                           \
                    vowels += (x & F_VOWEL) != 0;                                              \
                    wlen++;                                                                    \
                    if (++i == n) break;                                                       \
                    x = LOOKUP(data[i]);                                                       \
                } while (x & F_WORD);                                                          \
                if (acc & F_NFC) return 2;                                                     \
                if ((acc & F_RARE) && !tone_only) return 0; /* look-alikes are letters too */  \
                /* A tone on the last shaped vowel is right in every syllable (ươ takes it on  \
                 * ơ); a word that is not all Vietnamese letters is left as written. */        \
                int flag = (acc & F_JUDGE) != 0;                                               \
                if ((tones == 1) & (vowels >= 2) & !bad & (wlen <= MAX_WORD) &                 \
                    (toned_at != last_shaped) & !flag)                                         \
                    flag = misplaced(s, wlen, toned_at, new_style);                            \
                if (flag && append_span(out, start, i) < 0) return -1;                         \
                prev = 'a'; /* a letter: no spacing rule looks past it */                     \
                continue;                                                                      \
            }                                                                                  \
            if (x & F_NFC) return 2;                                                           \
            if (tone_only) {                                                                   \
                i++;                                                                           \
                continue;                                                                      \
            }                                                                                  \
            if (x & F_RARE) return 0;                                                          \
            if (ch == ' ') {                                                                   \
                if (prev == ' ' || prev == '\n' || (info[prev] & F_OPEN)) return 0;            \
            } else if (ch == '\n') {                                                           \
                if (prev == ' ' || (prev == '\n' && prev2 == '\n')) return 0;                  \
            } else if ((x & F_CLOSE) && prev == ' ') {                                         \
                return 0;                                                                      \
            }                                                                                  \
            prev2 = prev;                                                                      \
            prev = ch < 65536 ? ch : 0xFFFF; /* only BMP punctuation and spaces matter */      \
            i++;                                                                               \
        }                                                                                      \
        return 1;                                                                              \
    }

#define INFO_BMP(ch) info[(ch)]

DEFINE_SCAN(scan_ucs1, Py_UCS1, INFO_BMP)
DEFINE_SCAN(scan_ucs2, Py_UCS2, INFO_BMP)
DEFINE_SCAN(scan_ucs4, Py_UCS4, info_at)

static int check_configured(void) {
    if (!configured) PyErr_SetString(PyExc_RuntimeError, "_speedups.configure() was not called");
    return configured;
}

static PyObject *scan(PyObject *self, PyObject *args) {
    PyObject *text;
    int new_style, tone_only = 0;
    if (!PyArg_ParseTuple(args, "Up|p:scan", &text, &new_style, &tone_only)) return NULL;
    if (!check_configured()) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (n == 0) return PyList_New(0);
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    int r = kind == PyUnicode_1BYTE_KIND   ? scan_ucs1(data, n, new_style, tone_only, out)
            : kind == PyUnicode_2BYTE_KIND ? scan_ucs2(data, n, new_style, tone_only, out)
                                           : scan_ucs4(data, n, new_style, tone_only, out);
    if (r == 1 && !tone_only &&
        ((info_at(PyUnicode_READ(kind, data, 0)) & F_SPACE) ||
         (info_at(PyUnicode_READ(kind, data, n - 1)) & F_SPACE)))
        r = 0; /* strip() would change it */
    if (r == 1) return out;
    Py_DECREF(out);
    if (r < 0) return NULL;
    if (r == 2) Py_RETURN_FALSE;
    Py_RETURN_NONE;
}

/* Search folding (fold.py) one character at a time: each BMP character the table maps (0
 * means "ask Python") becomes one character.  The table only maps characters whose folded
 * form cannot interact with a neighbour (no combining or composing characters), so folding
 * character by character gives what fold() gives for the whole string. */
static Py_UCS2 fold_map[65536];

#define DEFINE_FOLD(NAME, CHAR_T)                                                              \
    static PyObject *NAME(const CHAR_T *data, Py_ssize_t n) {                                  \
        Py_UCS4 maxchar = 0;                                                                   \
        for (Py_ssize_t i = 0; i < n; i++) {                                                   \
            Py_UCS4 ch = data[i];                                                              \
            Py_UCS2 f = ch < 65536 ? fold_map[ch] : 0;                                         \
            if (f == 0) Py_RETURN_NONE;                                                        \
            if (f > maxchar) maxchar = f;                                                      \
        }                                                                                      \
        PyObject *out = PyUnicode_New(n, maxchar);                                             \
        if (out == NULL) return NULL;                                                          \
        int okind = PyUnicode_KIND(out);                                                       \
        void *odata = PyUnicode_DATA(out);                                                     \
        for (Py_ssize_t i = 0; i < n; i++) PyUnicode_WRITE(okind, odata, i, fold_map[data[i]]); \
        return out;                                                                            \
    }

DEFINE_FOLD(fold_ucs1, Py_UCS1)
DEFINE_FOLD(fold_ucs2, Py_UCS2)
DEFINE_FOLD(fold_ucs4, Py_UCS4)

static PyObject *fold(PyObject *self, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "fold() takes a str");
        return NULL;
    }
    if (!check_configured()) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND) return fold_ucs1(data, n);
    if (kind == PyUnicode_2BYTE_KIND) return fold_ucs2(data, n);
    return fold_ucs4(data, n);
}

static int fill(const char *name, PyObject *obj, void *dst, Py_ssize_t size) {
    Py_buffer view;
    if (PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE) < 0) return -1;
    if (view.len != size) {
        PyErr_Format(PyExc_ValueError, "%s: expected %zd bytes, got %zd", name, size, view.len);
        PyBuffer_Release(&view);
        return -1;
    }
    memcpy(dst, view.buf, (size_t)size);
    PyBuffer_Release(&view);
    return 0;
}

static PyObject *configure(PyObject *self, PyObject *args) {
    PyObject *f, *u, *t, *fm;
    if (!PyArg_ParseTuple(args, "OOOO:configure", &f, &u, &t, &fm)) return NULL;
    if (fill("flags", f, flags, sizeof flags) < 0 || fill("untoned", u, untoned, sizeof untoned) < 0 ||
        fill("tones", t, tone_of, sizeof tone_of) < 0 ||
        fill("fold_map", fm, fold_map, sizeof fold_map) < 0)
        return NULL;
    init_rules();
    for (Py_ssize_t cp = 0; cp < 65536; cp++) {
        uint32_t c = untoned[cp] ? (uint32_t)(unsigned char)letter_byte(untoned[cp]) : 0;
        info[cp] = flags[cp] | (c << 8) | ((uint32_t)tone_of[cp] << 16);
    }
    configured = 1;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS,
     "scan(text, new_style, tone_only=False) -> False if the text may not be NFC, None if "
     "clean-up is needed (never with tone_only), else [start, end, ...] of words to re-spell."},
    {"fold", fold, METH_O, "fold(text) -> the search-folded text, or None to ask fold.py."},
    {"configure", configure, METH_VARARGS,
     "configure(flags, untoned, tones, fold_map): the character tables, built by speedups.py."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups",
                                    "C scan for normalize_text's fast path.", -1, methods};

PyMODINIT_FUNC PyInit__speedups(void) { return PyModule_Create(&module); }
