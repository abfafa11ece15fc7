#pragma once
// Memory-use tests measure resident memory, which AddressSanitizer inflates on purpose (freed
// blocks wait in its quarantine; shadow memory grows with every byte touched). They assert in
// normal builds and say so in sanitized ones.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kUnderAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kUnderAddressSanitizer = true;
#else
inline constexpr bool kUnderAddressSanitizer = false;
#endif
#else
inline constexpr bool kUnderAddressSanitizer = false;
#endif
