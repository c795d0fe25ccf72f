// glibc's allocator tuning (mallopt), for Allocator.swift.
#include <malloc.h>
