// Word lists behind the synthetic members' text fields (names, headlines, companies, industries,
// locations, schools). Internal to datasets/generators.
//
// Lists are ordered so that index 0 is the most common value where the generator draws them with
// a Zipf law (industries, cities): the first industries and cities are the big ones. Company and
// school names are composed from parts, so every company index and school index has a distinct
// name (see CompanyName / SchoolName).

#ifndef LIAISON_DATASETS_GENERATORS_NAMES_H_
#define LIAISON_DATASETS_GENERATORS_NAMES_H_

#include <cstdint>
#include <span>
#include <string_view>

namespace liaison::generators::names {

std::span<const std::string_view> Industries();  // about 130 industry names
std::span<const std::string_view> Cities();      // about 200 metro areas ("City, Country")
std::span<const std::string_view> FirstNames();
std::span<const std::string_view> LastNames();
std::span<const std::string_view> JobTitles();

// The number of distinct school names SchoolName can produce.
uint32_t MaxSchools();

// Writes the name of company `c` (any index; distinct indexes give distinct names) at `out` and
// returns the end. REQUIRES: 96 bytes of room.
char* CompanyName(uint32_t c, char* out);
// Writes the name of school `s` (0 <= s < MaxSchools(), distinct per index) at `out` and returns
// the end. REQUIRES: 96 bytes of room.
char* SchoolName(uint32_t s, char* out);

}  // namespace liaison::generators::names

#endif  // LIAISON_DATASETS_GENERATORS_NAMES_H_
