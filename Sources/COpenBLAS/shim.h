/* OpenBLAS's cblas.h lives in the multiarch include folder on Debian. */
#if defined(__x86_64__)
#include <x86_64-linux-gnu/cblas.h>
#elif defined(__aarch64__)
#include <aarch64-linux-gnu/cblas.h>
#else
#include <cblas.h>
#endif
