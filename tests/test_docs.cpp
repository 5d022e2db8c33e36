// The docs' C++ is never written by hand: every ```cpp block in docs/ sits under a
// `<!-- file: PATH -->` marker and must be byte-identical to that file, which the build compiles.
// (No header is under test here, so Boost.Test comes first.)
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

/// Reads a repository file by its path relative to the repository root; nullopt when it cannot.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;

/// A fenced code block of a Markdown document.
struct CodeBlock {
    std::size_t line = 0;             ///< 1-based line of the opening fence.
    std::string language;             ///< First word of the info string, e.g. "cpp".
    std::optional<std::string> file;  ///< PATH of a `<!-- file: PATH -->` line right above the fence.
    std::string text;                 ///< The lines between the fences, each ending in '\n'.
};

/// What scanning a document found: its code blocks, and markers that label no code block.
struct ScannedDoc {
    std::vector<CodeBlock> blocks;
    std::vector<std::string> problems;
};

const fs::path kRepoRoot = fs::path(COHOOK_FIXTURES_DIR) / ".." / "..";

const std::vector<std::string> kDocs = {"docs/guide.md", "docs/ko/guide.md", "docs/migrating-from-python.md",
                                        "docs/verification.md"};

const std::vector<std::string> kGuideApps = {"apps/quickstart/main.cpp", "apps/multiple_endpoints/main.cpp",
                                             "apps/custom_server/main.cpp"};

std::optional<std::string> read_repo_file(const std::string& path) {
    std::ifstream in(kRepoRoot / path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        lines.push_back(text.substr(0, end));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    }
    return lines;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

/// The fence of a line that opens or closes a code block (CommonMark: up to 3 spaces, then 3+ ` or ~).
std::optional<std::string_view> fence_of(std::string_view line) {
    const auto indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos || indent > 3) return std::nullopt;
    line.remove_prefix(indent);
    const char c = line.front();
    if (c != '`' && c != '~') return std::nullopt;
    const auto length = std::min(line.find_first_not_of(c), line.size());
    if (length < 3) return std::nullopt;
    return line.substr(0, length);
}

/// The PATH of a `<!-- file: PATH -->` line.
std::optional<std::string> marker_of(std::string_view line) {
    constexpr std::string_view kOpen = "<!-- file:";
    constexpr std::string_view kClose = "-->";
    line = trim(line);
    if (!line.starts_with(kOpen) || !line.ends_with(kClose)) return std::nullopt;
    line.remove_prefix(kOpen.size());
    line.remove_suffix(kClose.size());
    return std::string(trim(line));
}

bool is_cpp(std::string_view language) {
    std::string lower(language);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const std::string_view name : {"cpp", "c++", "cxx", "cc", "hpp", "hxx", "h", "c"}) {
        if (lower == name) return true;
    }
    return false;
}

std::string at_line(std::size_t line) {
    return "line " + std::to_string(line) + ": ";
}

ScannedDoc scan(std::string_view markdown) {
    ScannedDoc doc;
    const auto lines = split_lines(markdown);
    std::optional<std::string_view> open_fence;
    std::optional<std::string> marker;
    std::size_t marker_line = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line = lines[i];
        const auto fence = fence_of(line);
        if (open_fence) {
            // A closing fence: same character, at least as long, nothing after it.
            if (fence && fence->front() == open_fence->front() && fence->size() >= open_fence->size() &&
                trim(line) == *fence) {
                open_fence.reset();
            } else {
                doc.blocks.back().text.append(line).push_back('\n');
            }
            continue;
        }
        if (fence) {
            CodeBlock block;
            block.line = i + 1;
            const std::string_view info = trim(trim(line).substr(fence->size()));
            block.language = std::string(info.substr(0, info.find_first_of(" \t{")));
            // Any other line in between would have reported and dropped the marker already.
            block.file = std::move(marker);
            marker.reset();
            doc.blocks.push_back(std::move(block));
            open_fence = fence;
            continue;
        }
        if (marker) {
            doc.problems.push_back(at_line(marker_line) + "file marker not directly followed by a fence");
        }
        marker = marker_of(line);
        marker_line = i + 1;
    }
    if (marker) doc.problems.push_back(at_line(marker_line) + "file marker not followed by a code block");
    if (open_fence) doc.problems.push_back(at_line(doc.blocks.back().line) + "code block never closed");
    return doc;
}

/// Where two texts first differ, as "from its line N: doc has '...', file has '...'".
std::string first_difference(std::string_view block, std::string_view file) {
    const auto a = split_lines(block);
    const auto b = split_lines(file);
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    const auto show = [&](const std::vector<std::string_view>& lines) {
        return i < lines.size() ? "'" + std::string(lines[i]) + "'" : std::string("the end");
    };
    if (i == a.size() && i == b.size()) return "only in the final newline";
    return "from its line " + std::to_string(i + 1) + ": doc has " + show(a) + ", file has " + show(b);
}

/// Every way `markdown` breaks the rule; empty when all its C++ is a verbatim copy of a repository file.
std::vector<std::string> check_doc(std::string_view markdown, const FileReader& read) {
    ScannedDoc doc = scan(markdown);
    std::vector<std::string> problems = std::move(doc.problems);
    for (const CodeBlock& block : doc.blocks) {
        const std::string where = at_line(block.line);
        if (!block.file) {
            if (is_cpp(block.language)) {
                problems.push_back(where + "```" + block.language +
                                   " block without a <!-- file: PATH --> marker");
            }
            continue;
        }
        if (!is_cpp(block.language)) {
            problems.push_back(where + "marked block is not ```cpp but ```" + block.language);
            continue;
        }
        const std::string& path = *block.file;
        if (path.empty() || path.front() == '/' || path.find("..") != std::string::npos) {
            problems.push_back(where + "marker path '" + path +
                               "' is not a plain path inside the repository");
            continue;
        }
        const auto file = read(path);
        if (!file) {
            problems.push_back(where + "cannot read " + path);
        } else if (*file != block.text) {
            problems.push_back(where + "block differs from " + path + " " +
                               first_difference(block.text, *file));
        }
    }
    return problems;
}

/// The files the marked blocks of a document show, in order.
std::vector<std::string> marked_files(std::string_view markdown) {
    std::vector<std::string> files;
    for (const CodeBlock& block : scan(markdown).blocks) {
        if (block.file) files.push_back(*block.file);
    }
    return files;
}

std::string read_doc(const std::string& path) {
    const auto text = read_repo_file(path);
    BOOST_TEST_REQUIRE(text.has_value(), "cannot read " << (kRepoRoot / path).string());
    return *text;
}

void require_verbatim(const std::string& path) {
    for (const std::string& problem : check_doc(read_doc(path), read_repo_file)) {
        BOOST_ERROR(path << ": " << problem);
    }
}

/// An in-memory repository for testing the checker itself.
FileReader fake_repo(std::map<std::string, std::string> files) {
    return [files = std::move(files)](const std::string& path) -> std::optional<std::string> {
        const auto found = files.find(path);
        if (found == files.end()) return std::nullopt;
        return found->second;
    };
}

const std::string kApp = "int main() {}\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(docs)

BOOST_AUTO_TEST_CASE(guide_code_blocks_are_the_compiled_apps) {
    require_verbatim("docs/guide.md");
    BOOST_TEST(marked_files(read_doc("docs/guide.md")) == kGuideApps, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(korean_guide_code_blocks_are_the_compiled_apps) {
    require_verbatim("docs/ko/guide.md");
}

BOOST_AUTO_TEST_CASE(korean_guide_shows_the_same_code_blocks_as_the_english_one) {
    // Translations change the prose only: every block (shell, CMake, output...) is the English one.
    const auto english = scan(read_doc("docs/guide.md")).blocks;
    const auto korean = scan(read_doc("docs/ko/guide.md")).blocks;
    BOOST_TEST_REQUIRE(korean.size() == english.size());
    for (std::size_t i = 0; i < english.size(); ++i) {
        BOOST_TEST(korean[i].language == english[i].language, "block " << i + 1);
        BOOST_TEST(korean[i].file.value_or("") == english[i].file.value_or(""), "block " << i + 1);
        BOOST_TEST(korean[i].text == english[i].text,
                   "block " << i + 1 << " (ko line " << korean[i].line << ")");
    }
}

BOOST_AUTO_TEST_CASE(migration_guide_code_blocks_are_compiled_files) {
    require_verbatim("docs/migrating-from-python.md");
}

BOOST_AUTO_TEST_CASE(verification_guide_code_blocks_are_compiled_files) {
    require_verbatim("docs/verification.md");
}

BOOST_AUTO_TEST_CASE(every_cpp_block_in_the_docs_has_a_file_marker) {
    for (const std::string& path : kDocs) {
        for (const CodeBlock& block : scan(read_doc(path)).blocks) {
            BOOST_TEST((block.file.has_value() || !is_cpp(block.language)),
                       path << ":" << block.line << ": ```" << block.language << " block has no file marker");
        }
    }
}

BOOST_AUTO_TEST_CASE(a_verbatim_marked_block_passes_the_check) {
    const std::string doc =
        "# Title\n\n<!-- file: apps/x/main.cpp -->\n```cpp\n" + kApp + "```\n\n```sh\nmake\n```\n";
    BOOST_TEST(check_doc(doc, fake_repo({{"apps/x/main.cpp", kApp}})).empty());
}

BOOST_AUTO_TEST_CASE(an_unmarked_cpp_block_is_reported) {
    for (const std::string fence : {"```cpp", "```c++", "~~~cpp", "```  CPP title=x"}) {
        const std::string close = fence.substr(0, 3);
        const std::string doc = "text\n" + fence + "\nint x;\n" + close + "\n";
        BOOST_TEST(check_doc(doc, fake_repo({})).size() == 1u, fence);
    }
}

BOOST_AUTO_TEST_CASE(a_block_differing_from_its_file_is_reported) {
    const auto repo = fake_repo({{"apps/x/main.cpp", kApp}});
    for (const std::string body : {"int main() { }\n", "int main() {}\n\n", "", "int main() {}\r\n"}) {
        const std::string doc = "<!-- file: apps/x/main.cpp -->\n```cpp\n" + body + "```\n";
        BOOST_TEST(check_doc(doc, repo).size() == 1u, '"' << body << '"');
    }
}

BOOST_AUTO_TEST_CASE(a_marker_that_labels_no_cpp_block_is_reported) {
    const auto repo = fake_repo({{"apps/x/main.cpp", kApp}});
    BOOST_TEST(check_doc("<!-- file: apps/x/main.cpp -->\n\n```cpp\n" + kApp + "```\n", repo).size() == 2u);
    BOOST_TEST(check_doc("<!-- file: apps/x/main.cpp -->\n```sh\n" + kApp + "```\n", repo).size() == 1u);
    BOOST_TEST(check_doc("<!-- file: apps/x/main.cpp -->\n", repo).size() == 1u);
    BOOST_TEST(check_doc("<!-- file: apps/missing.cpp -->\n```cpp\n" + kApp + "```\n", repo).size() == 1u);
    BOOST_TEST(check_doc("<!-- file: ../x.cpp -->\n```cpp\n" + kApp + "```\n", repo).size() == 1u);
}

BOOST_AUTO_TEST_CASE(cpp_inside_another_fence_is_not_a_block_of_its_own) {
    const std::string doc = "````markdown\n```cpp\nint x;\n```\n````\n";
    BOOST_TEST(check_doc(doc, fake_repo({})).empty());
    BOOST_TEST(check_doc("```cpp\nint x;\n", fake_repo({})).size() == 2u);  // unmarked and never closed
}

BOOST_AUTO_TEST_SUITE_END()
