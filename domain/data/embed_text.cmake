# Writes OUTPUT: a C++ file defining `const char SYMBOL[]` with the text of INPUT.
# Run with cmake -P at build time so the source list stays the only input.
file(READ "${INPUT}" content)
file(WRITE "${OUTPUT}" "// Generated from ${INPUT}; do not edit.\nnamespace hoyo::domain {\nextern const char ${SYMBOL}[];\nconst char ${SYMBOL}[] = R\"hoyo_embed(${content})hoyo_embed\";\n}  // namespace hoyo::domain\n")
