// Embeds a data file of rules/data/ in the binary's read-only data: `symbol_begin` and
// `symbol_end` delimit its bytes (a NUL follows them). The translation unit that uses it must
// be compiled with STACKLINT_DATA_DIR naming rules/data (see CMakeLists.txt), which also makes
// CMake rebuild it when the data changes.
#pragma once

#ifndef STACKLINT_DATA_DIR
#error "STACKLINT_DATA_DIR must name rules/data"
#endif

#define STACKLINT_EMBED_TEXT(symbol, file)                      \
    asm(".section .rodata\n"                                    \
        ".global " #symbol                                      \
        "_begin\n"                                              \
        ".global " #symbol "_end\n" #symbol                     \
        "_begin:\n"                                             \
        ".incbin \"" STACKLINT_DATA_DIR "/" file "\"\n" #symbol \
        "_end:\n"                                               \
        ".byte 0\n"                                             \
        ".previous\n");                                         \
    extern "C" const char symbol##_begin[];                     \
    extern "C" const char symbol##_end[];
