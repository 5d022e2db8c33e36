#pragma once

#include <string_view>

namespace cohook::http {

/// The RFC 9110 reason phrase for `status` ("Unknown" for codes it does not list).
std::string_view reason_phrase(int status) noexcept;

}  // namespace cohook::http
