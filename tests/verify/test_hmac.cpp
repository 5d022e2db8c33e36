#include "verify/hmac.hpp"
// The header under test comes first: it proves the header is self-contained.

#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

using cohook::detail::base64_decode;
using cohook::detail::base64_encode;
using cohook::detail::hex_decode;
using cohook::detail::hex_encode;
using cohook::detail::hmac_sha256;

namespace {

std::string hex_hmac(std::string_view key, std::string_view message) {
    return hex_encode(hmac_sha256(key, {message}));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hmac_suite)

// RFC 4231 "Identification and Test Vectors for HMAC-SHA-224, HMAC-SHA-256, HMAC-SHA-384, and
// HMAC-SHA-512", section 4: https://www.rfc-editor.org/rfc/rfc4231#section-4 (HMAC-SHA-256 rows),
// each also checked with `openssl dgst -sha256 -mac HMAC -macopt hexkey:<key>`.
BOOST_AUTO_TEST_CASE(hmac_sha256_matches_the_rfc_4231_vectors) {
    // Test Case 1: a 20-byte key of 0x0b.
    BOOST_TEST(hex_hmac(std::string(20, '\x0b'), "Hi There") ==
               "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    // Test Case 2: a key shorter than the output.
    BOOST_TEST(hex_hmac("Jefe", "what do ya want for nothing?") ==
               "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // Test Case 6: a key longer than SHA-256's block, which HMAC hashes first.
    BOOST_TEST(hex_hmac(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First") ==
               "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

BOOST_AUTO_TEST_CASE(hmac_sha256_of_parts_is_the_hmac_of_their_concatenation) {
    BOOST_TEST(hmac_sha256("Jefe", {"what do ya", " want ", "", "for nothing?"}) ==
               hmac_sha256("Jefe", {"what do ya want for nothing?"}));
    BOOST_TEST(hmac_sha256("Jefe", {}).size() == 32u);
}

BOOST_AUTO_TEST_CASE(hmac_sha256_accepts_an_empty_key_and_binary_bytes) {
    // `printf '' | openssl dgst -sha256 -hmac ''`
    BOOST_TEST(hex_hmac("", "") == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    const std::string binary("a\0b\xff", 4);
    BOOST_TEST(hmac_sha256(binary, {binary}) != hmac_sha256("a", {binary}));
}

// RFC 4648 section 10, "Test Vectors": https://www.rfc-editor.org/rfc/rfc4648#section-10
BOOST_AUTO_TEST_CASE(base64_and_hex_match_the_rfc_4648_vectors) {
    struct Row {
        std::string_view bytes, base64, hex;
    };
    const Row table[] = {
        {"", "", ""},
        {"f", "Zg==", "66"},
        {"fo", "Zm8=", "666f"},
        {"foo", "Zm9v", "666f6f"},
        {"foob", "Zm9vYg==", "666f6f62"},
        {"fooba", "Zm9vYmE=", "666f6f6261"},
        {"foobar", "Zm9vYmFy", "666f6f626172"},
    };
    for (const auto& row : table) {
        BOOST_TEST(base64_encode(row.bytes) == row.base64);
        BOOST_TEST(base64_decode(row.base64).value_or("<none>") == row.bytes);
        BOOST_TEST(hex_encode(row.bytes) == row.hex);
        BOOST_TEST(hex_decode(row.hex).value_or("<none>") == row.bytes);
    }
}

BOOST_AUTO_TEST_CASE(every_byte_value_round_trips) {
    std::string all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
    for (std::size_t length = 0; length <= all.size(); length += 37) {
        const std::string bytes = all.substr(0, length);
        BOOST_TEST(base64_decode(base64_encode(bytes)).value_or("<none>") == bytes);
        BOOST_TEST(hex_decode(hex_encode(bytes)).value_or("<none>") == bytes);
    }
    BOOST_TEST(base64_encode("\xfb\xff") == "+/8=");
}

BOOST_AUTO_TEST_CASE(hex_decode_accepts_either_case_and_rejects_anything_else) {
    BOOST_TEST(hex_decode("ABcdEF").value_or("<none>") == "\xab\xcd\xef");
    for (const std::string_view bad : {"a", "abc", "0g", "g0", " 00", "00 ", "0x00", "-1"}) {
        BOOST_TEST(!hex_decode(bad).has_value(), "'" << bad << "'");
    }
}

BOOST_AUTO_TEST_CASE(base64_decode_accepts_missing_padding_only) {
    BOOST_TEST(base64_decode("Zg").value_or("<none>") == "f");
    BOOST_TEST(base64_decode("Zm8").value_or("<none>") == "fo");
    for (const std::string_view bad : {"Z", "Zg=", "Zg===", "=Zg=", "Zm9v=", "Zm9v Yg==", "Zm9-", "Zm9_",
                                       "Zm9v\n", "Zh==", "Zm9=", "Zg==Zg=="}) {
        BOOST_TEST(!base64_decode(bad).has_value(), "'" << bad << "'");
    }
}

BOOST_AUTO_TEST_SUITE_END()
