// ncursesw for Swift. SwiftPM drops pkg-config's -D flags, so the wide-character API is enabled here.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <ncurses.h>

// Attribute macros do not import; these return them as values.
static inline attr_t eltop_a_normal(void) { return A_NORMAL; }
static inline attr_t eltop_a_bold(void) { return A_BOLD; }
static inline attr_t eltop_a_dim(void) { return A_DIM; }
static inline attr_t eltop_a_reverse(void) { return A_REVERSE; }
static inline attr_t eltop_a_underline(void) { return A_UNDERLINE; }
static inline attr_t eltop_a_italic(void) { return A_ITALIC; }

// The cursor visibility, colour count and pair count are globals or macros; read them through functions.
static inline int eltop_colors(void) { return COLORS; }
static inline int eltop_color_pairs(void) { return COLOR_PAIRS; }

// `stdscr` is a mutable C global, which Swift 6 flags as not concurrency-safe; read it through a function.
static inline WINDOW *eltop_stdscr(void) { return stdscr; }

// Write a wide string with attributes and an (extended) colour pair at a position, in one call.
static inline int eltop_put(WINDOW *w, int y, int x, const wchar_t *s, int n, attr_t attrs, int pair) {
    wattr_set(w, attrs, (short)(pair > 32767 ? 0 : pair), &pair);
    return mvwaddnwstr(w, y, x, s, n);
}

// The current locale's codeset, for deciding between Unicode and ASCII glyphs.
static inline const char *eltop_codeset(void) { return nl_langinfo(CODESET); }

// A terminfo string capability, or NULL when the terminal lacks it (tigetstr's (char *)-1 and 0 both
// become NULL, so Swift sees one "absent" value).
static inline const char *eltop_tigetstr(const char *name) {
    char *value = tigetstr(name);
    return (value == (char *)-1 || value == 0) ? 0 : value;
}

// The window size of the terminal on `fd` (ioctl is variadic and does not import). Returns 0 on success.
static inline int eltop_window_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

// Mouse reporting, only under --mouse: left-button presses and the wheel (buttons 4 and 5).
static inline void eltop_mouse_on(void) {
    mouseinterval(0);
#ifdef BUTTON5_PRESSED
    mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, 0);
#else
    mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED, 0);
#endif
}

// The queued mouse event after KEY_MOUSE: 1 left press, 4 wheel up, 5 wheel down, 0 anything else,
// -1 when there is none. The bstate macros do not import into Swift.
static inline int eltop_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_PRESSED) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 5;
#endif
    return 0;
}

// Bytes waiting unread in the pipe `fd` (FIONREAD; ioctl is variadic and does not import), 0 on error.
static inline int eltop_unread(int fd) {
    int count = 0;
    return ioctl(fd, FIONREAD, &count) == 0 ? count : 0;
}

// Asks for a pipe of `bytes` capacity (F_SETPIPE_SZ, Linux only; fcntl is variadic, and the constant
// needs _GNU_SOURCE). A pipe that cannot grow keeps its default 64 KiB.
static inline void eltop_grow_pipe(int fd, int bytes) {
#ifdef __linux__
    fcntl(fd, 1031 /* F_SETPIPE_SZ */, bytes);
#endif
}
