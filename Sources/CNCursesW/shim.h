#ifndef BACKPROP_NCURSES_SHIM_H
#define BACKPROP_NCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/curses.h>

/* Swift cannot import these macros and mutable globals; expose them as functions. */
static inline WINDOW *bp_stdscr(void) { return stdscr; }
static inline int bp_colors(void) { return COLORS; }
static inline int bp_color_pairs(void) { return COLOR_PAIRS; }
static inline int bp_lines(void) { return LINES; }
static inline int bp_cols(void) { return COLS; }
static inline attr_t bp_a_bold(void) { return A_BOLD; }
static inline attr_t bp_a_reverse(void) { return A_REVERSE; }
static inline attr_t bp_a_dim(void) { return A_DIM; }
static inline attr_t bp_a_underline(void) { return A_UNDERLINE; }
static inline attr_t bp_a_normal(void) { return A_NORMAL; }
static inline int bp_key_resize(void) { return KEY_RESIZE; }
static inline int bp_err(void) { return ERR; }
static inline void bp_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
#endif
