#include <cohook/headers.hpp>

#include <algorithm>

namespace cohook {

namespace {
constexpr char lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
}  // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

void Headers::set(std::string_view name, std::string value) {
    erase(name);
    fields_.emplace_back(std::string(name), std::move(value));
}

std::optional<std::string_view> Headers::get(std::string_view name) const noexcept {
    for (const auto& [key, value] : fields_) {
        if (iequals(key, name)) return std::string_view(value);
    }
    return std::nullopt;
}

std::size_t Headers::count(std::string_view name) const noexcept {
    return static_cast<std::size_t>(std::count_if(fields_.begin(), fields_.end(),
                                                  [&](const Field& f) { return iequals(f.first, name); }));
}

void Headers::erase(std::string_view name) {
    std::erase_if(fields_, [&](const Field& f) { return iequals(f.first, name); });
}

}  // namespace cohook
