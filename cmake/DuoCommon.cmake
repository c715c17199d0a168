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
