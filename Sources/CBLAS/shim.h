#include <cblas.h>
#include <stddef.h>

// LAPACK's symmetric eigensolver, from OpenBLAS (which includes LAPACK); OpenBLAS ships no
// LAPACKE header here, so the Fortran routine is declared as gfortran compiles it: arguments
// by reference, then the hidden lengths of the two character arguments.
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
            double *work, const int *lwork, int *info, size_t jobz_length, size_t uplo_length);
