/* GEMM throughput of OpenBLAS called directly from C: the baseline for the workbook's matrix
   product. For each size n (square, row-major, C = A·B), repeats cblas_sgemm until about 0.3 s
   have passed and prints one line "n GFLOP/s".
   Build: cc -O2 gemm_direct.c $(pkg-config --cflags --libs openblas) -o gemm_direct */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
int main(int argc, char **argv) {
  for (int a = 1; a < argc; a++) {
    int n = atoi(argv[a]);
    float *A = malloc(sizeof(float) * n * n), *B = malloc(sizeof(float) * n * n), *C = malloc(sizeof(float) * n * n);
    for (int i = 0; i < n * n; i++) { A[i] = (float)(i % 13) / 13; B[i] = (float)(i % 7) / 7; }
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, A, n, B, n, 0, C, n);
    long reps = 0; double start = now(), elapsed;
    do { cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, A, n, B, n, 0, C, n); reps++; }
    while ((elapsed = now() - start) < 0.3);
    printf("%d %.2f\n", n, 2.0 * n * n * n * reps / elapsed / 1e9);
    free(A); free(B); free(C);
  }
  return 0;
}
