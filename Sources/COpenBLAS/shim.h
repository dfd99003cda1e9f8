/* OpenBLAS's cblas.h lives in the multiarch include folder on Debian. */
#if defined(__x86_64__)
#include <x86_64-linux-gnu/cblas.h>
#elif defined(__aarch64__)
#include <aarch64-linux-gnu/cblas.h>
#else
#include <cblas.h>
#endif

/* Flush denormal floats to zero in this thread (x86's FTZ and DAZ bits). Late in training,
   optimizer state and gradients drift into the denormal range, where every arithmetic
   operation is many times slower; the values lost are below 1e-38. */
#if defined(__x86_64__)
#include <xmmintrin.h>
static inline void bp_flush_denormals_to_zero(void) { _mm_setcsr(_mm_getcsr() | 0x8040); }
#else
static inline void bp_flush_denormals_to_zero(void) {}
#endif
