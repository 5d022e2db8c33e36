#include <cohook/headers.hpp>

#include <algorithm>
#include <utility>

namespace cohook {

Headers::Headers(const Headers& other) : fields_(other.begin(), other.end()), size_(other.size_) {}

Headers& Headers::operator=(const Headers& other) {
    if (this != &other) {
        fields_.assign(other.begin(), other.end());
        size_ = other.size_;
    }
    return *this;
}

Headers& Headers::operator=(Headers&& other) noexcept {
    if (this != &other) {
        fields_ = std::move(other.fields_);
        other.fields_.clear();
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

void Headers::add(std::string_view name, std::string_view value) {
    if (size_ == fields_.size()) {
        fields_.emplace_back(name, value);
    } else {
        // A spare field from before clear(): assigning reuses its strings' capacity.
        Field& field = fields_[size_];
        field.first.assign(name);
        field.second.assign(value);
    }
    ++size_;
}

void Headers::set(std::string_view name, std::string value) {
    erase(name);
    add(name, value);
}

std::optional<std::string_view> Headers::get(std::string_view name) const noexcept {
    for (const auto& [key, value] : *this) {
        if (iequals(key, name)) return std::string_view(value);
    }
    return std::nullopt;
}

std::size_t Headers::count(std::string_view name) const noexcept {
    return static_cast<std::size_t>(
        std::count_if(begin(), end(), [&](const Field& f) { return iequals(f.first, name); }));
}

void Headers::erase(std::string_view name) {
    // What lies past the new end stays as spare storage.
    const auto live = fields_.begin() + static_cast<std::ptrdiff_t>(size_);
    const auto kept =
        std::remove_if(fields_.begin(), live, [&](const Field& f) { return iequals(f.first, name); });
    size_ = static_cast<std::size_t>(kept - fields_.begin());
}

}  // namespace cohook
