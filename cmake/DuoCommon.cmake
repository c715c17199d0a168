# One interface target carries the language standard, warnings and Qt's safety defines; every target links it.
add_library(duo_common INTERFACE)
target_compile_features(duo_common INTERFACE cxx_std_20)
target_compile_options(duo_common INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused
    -Woverloaded-virtual -Wimplicit-fallthrough
    $<$<BOOL:${DUO_WERROR}>:-Werror>)
target_compile_definitions(duo_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    DUO_VERSION="${PROJECT_VERSION}")

# DUO_SANITIZE: AddressSanitizer + UndefinedBehaviorSanitizer for every target (scripts/sanitize.sh).
option(DUO_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(DUO_SANITIZE)
    target_compile_options(duo_common INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(duo_common INTERFACE -fsanitize=address,undefined)
endif()

# DUO_FUZZ: the libFuzzer harnesses of tests/fuzz (scripts/fuzz.sh), clang only, in a build of their own. The
# library is instrumented for the fuzzer (fuzzer-no-link) and checked by ASan and UBSan; each harness links
# libFuzzer's main. Without it the harnesses are built as replay tests over their corpora (fuzz_replay_*).
option(DUO_FUZZ "Build the libFuzzer harnesses (clang; a build of core and tests/fuzz only)" OFF)
if(DUO_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "DUO_FUZZ needs clang: configure with CXX=clang++ (scripts/fuzz.sh does)")
    endif()
    target_compile_options(duo_common INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                                                -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(duo_common INTERFACE -fsanitize=address,undefined)
endif()
