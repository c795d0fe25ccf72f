#include <gd.h>
#include <gdfontt.h>
#include <gdfonts.h>
