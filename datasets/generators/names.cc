// The word lists of names.h. Plain arrays of string_view; composed names are written with memcpy
// so the members-file writer never allocates.

#include "datasets/generators/names.h"

#include <array>
#include <cstring>

namespace liaison::generators::names {
namespace {

constexpr std::string_view kIndustries[] = {
    "Software Development", "Hospitals and Health Care", "IT Services and IT Consulting",
    "Financial Services", "Higher Education", "Retail", "Banking", "Construction",
    "Manufacturing", "Education Administration Programs", "Government Administration",
    "Telecommunications", "Insurance", "Real Estate", "Accounting", "Staffing and Recruiting",
    "Business Consulting and Services", "Advertising Services", "Marketing Services",
    "Legal Services", "Pharmaceutical Manufacturing", "Biotechnology Research",
    "Oil and Gas", "Motor Vehicle Manufacturing", "Truck Transportation",
    "Transportation, Logistics, Supply Chain and Storage", "Airlines and Aviation",
    "Hospitality", "Restaurants", "Food and Beverage Services", "Food and Beverage Manufacturing",
    "Wholesale", "Consumer Services", "Non-profit Organizations", "Civic and Social Organizations",
    "Armed Forces", "Law Enforcement", "Public Safety", "Primary and Secondary Education",
    "E-Learning Providers", "Research Services", "Medical Practices",
    "Medical Equipment Manufacturing", "Mental Health Care", "Wellness and Fitness Services",
    "Computer and Network Security", "Computer Hardware Manufacturing",
    "Semiconductor Manufacturing", "Data Infrastructure and Analytics", "Internet Publishing",
    "Technology, Information and Internet", "Online Audio and Video Media", "Entertainment Providers",
    "Media Production", "Broadcast Media Production and Distribution", "Book and Periodical Publishing",
    "Newspaper Publishing", "Musicians", "Performing Arts", "Design Services", "Graphic Design",
    "Architecture and Planning", "Civil Engineering", "Mechanical or Industrial Engineering",
    "Environmental Services", "Renewable Energy Semiconductor Manufacturing",
    "Utilities", "Electric Power Generation", "Mining", "Chemical Manufacturing",
    "Plastics Manufacturing", "Paper and Forest Product Manufacturing", "Textile Manufacturing",
    "Apparel and Fashion", "Retail Apparel and Fashion", "Luxury Goods and Jewelry",
    "Cosmetics", "Personal Care Product Manufacturing", "Consumer Electronics",
    "Appliances, Electrical, and Electronics Manufacturing", "Industrial Machinery Manufacturing",
    "Automation Machinery Manufacturing", "Aviation and Aerospace Component Manufacturing",
    "Defense and Space Manufacturing", "Shipbuilding", "Maritime Transportation",
    "Rail Transportation", "Warehousing and Storage", "Freight and Package Transportation",
    "Import and Export", "Farming", "Ranching", "Fisheries", "Dairy Product Manufacturing",
    "Wine and Spirits", "Beverage Manufacturing", "Tobacco Manufacturing", "Gambling Facilities and Casinos",
    "Leisure, Travel and Tourism", "Travel Arrangements", "Events Services", "Sports",
    "Spectator Sports", "Recreational Facilities", "Museums, Historical Sites, and Zoos",
    "Libraries", "Religious Institutions", "Philanthropic Fundraising Services",
    "International Affairs", "Political Organizations", "Legislative Offices",
    "Judiciary", "Public Policy Offices", "Think Tanks", "Venture Capital and Private Equity Principals",
    "Investment Management", "Investment Banking", "Capital Markets", "Credit Intermediation",
    "Fundraising", "Security and Investigations", "Facilities Services",
    "Human Resources Services", "Professional Training and Coaching", "Translation and Localization",
    "Writing and Editing", "Photography", "Printing Services", "Packaging and Containers Manufacturing",
    "Building Materials", "Glass, Ceramics and Concrete Manufacturing", "Furniture and Home Furnishings Manufacturing",
    "Veterinary Services", "Alternative Medicine", "Nanotechnology Research", "Computer Games",
    "Mobile Gaming Apps", "Outsourcing and Offshoring Consulting",
};

constexpr std::string_view kCities[] = {
    "New York, United States", "London, United Kingdom", "San Francisco Bay Area, United States",
    "Los Angeles, United States", "Paris, France", "Sao Paulo, Brazil", "Bengaluru, India",
    "Chicago, United States", "Mumbai, India", "Toronto, Canada", "Dallas-Fort Worth, United States",
    "Washington DC-Baltimore, United States", "Boston, United States", "Sydney, Australia",
    "Delhi, India", "Madrid, Spain", "Amsterdam, Netherlands", "Atlanta, United States",
    "Houston, United States", "Seattle, United States", "Mexico City, Mexico", "Melbourne, Australia",
    "Berlin, Germany", "Milan, Italy", "Istanbul, Turkey", "Dubai, United Arab Emirates",
    "Singapore, Singapore", "Philadelphia, United States", "Denver, United States",
    "Hyderabad, India", "Pune, India", "Chennai, India", "Munich, Germany", "Barcelona, Spain",
    "Phoenix, United States", "Minneapolis-St. Paul, United States", "Miami-Fort Lauderdale, United States",
    "Johannesburg, South Africa", "Buenos Aires, Argentina", "Rio de Janeiro, Brazil",
    "Montreal, Canada", "Vancouver, Canada", "Stockholm, Sweden", "Copenhagen, Denmark",
    "Brussels, Belgium", "Zurich, Switzerland", "Dublin, Ireland", "Lisbon, Portugal", "Rome, Italy",
    "Warsaw, Poland", "Frankfurt, Germany", "Hamburg, Germany", "Vienna, Austria",
    "Manchester, United Kingdom", "Jakarta, Indonesia", "Manila, Philippines", "Lagos, Nigeria",
    "Cairo, Egypt", "Nairobi, Kenya", "Bogota, Colombia", "Lima, Peru", "Santiago, Chile",
    "Riyadh, Saudi Arabia", "Tel Aviv, Israel", "Kuala Lumpur, Malaysia", "Bangkok, Thailand",
    "Ho Chi Minh City, Vietnam", "Tokyo, Japan", "Seoul, South Korea", "Hong Kong, Hong Kong",
    "Shanghai, China", "Beijing, China", "Auckland, New Zealand", "Brisbane, Australia",
    "Perth, Australia", "Calgary, Canada", "Ottawa, Canada", "Austin, United States",
    "San Diego, United States", "Portland, United States", "Charlotte, United States",
    "Raleigh-Durham, United States", "Nashville, United States", "Detroit, United States",
    "St. Louis, United States", "Kansas City, United States", "Pittsburgh, United States",
    "Cleveland, United States", "Columbus, United States", "Cincinnati, United States",
    "Indianapolis, United States", "Salt Lake City, United States", "Las Vegas, United States",
    "Orlando, United States", "Tampa, United States", "Baltimore, United States",
    "Sacramento, United States", "San Antonio, United States", "Milwaukee, United States",
    "Birmingham, United Kingdom", "Edinburgh, United Kingdom", "Glasgow, United Kingdom",
    "Bristol, United Kingdom", "Leeds, United Kingdom", "Lyon, France", "Marseille, France",
    "Toulouse, France", "Lille, France", "Cologne, Germany", "Stuttgart, Germany",
    "Dusseldorf, Germany", "Rotterdam, Netherlands", "The Hague, Netherlands", "Utrecht, Netherlands",
    "Antwerp, Belgium", "Geneva, Switzerland", "Basel, Switzerland", "Oslo, Norway",
    "Helsinki, Finland", "Gothenburg, Sweden", "Prague, Czechia", "Budapest, Hungary",
    "Bucharest, Romania", "Krakow, Poland", "Wroclaw, Poland", "Athens, Greece", "Porto, Portugal",
    "Valencia, Spain", "Seville, Spain", "Turin, Italy", "Naples, Italy", "Bologna, Italy",
    "Kyiv, Ukraine", "Belgrade, Serbia", "Sofia, Bulgaria", "Zagreb, Croatia", "Ljubljana, Slovenia",
    "Tallinn, Estonia", "Riga, Latvia", "Vilnius, Lithuania", "Ankara, Turkey", "Izmir, Turkey",
    "Abu Dhabi, United Arab Emirates", "Doha, Qatar", "Kuwait City, Kuwait", "Muscat, Oman",
    "Amman, Jordan", "Beirut, Lebanon", "Casablanca, Morocco", "Tunis, Tunisia", "Accra, Ghana",
    "Cape Town, South Africa", "Durban, South Africa", "Addis Ababa, Ethiopia", "Kampala, Uganda",
    "Karachi, Pakistan", "Lahore, Pakistan", "Islamabad, Pakistan", "Dhaka, Bangladesh",
    "Colombo, Sri Lanka", "Kolkata, India", "Ahmedabad, India", "Noida, India", "Gurugram, India",
    "Kochi, India", "Jaipur, India", "Kathmandu, Nepal", "Hanoi, Vietnam", "Cebu, Philippines",
    "Surabaya, Indonesia", "Bandung, Indonesia", "Penang, Malaysia", "Taipei, Taiwan",
    "Shenzhen, China", "Guangzhou, China", "Osaka, Japan", "Nagoya, Japan", "Busan, South Korea",
    "Wellington, New Zealand", "Adelaide, Australia", "Canberra, Australia", "Edmonton, Canada",
    "Winnipeg, Canada", "Quebec City, Canada", "Halifax, Canada", "Guadalajara, Mexico",
    "Monterrey, Mexico", "Medellin, Colombia", "Quito, Ecuador", "Caracas, Venezuela",
    "Montevideo, Uruguay", "Asuncion, Paraguay", "La Paz, Bolivia", "Belo Horizonte, Brazil",
    "Porto Alegre, Brazil", "Curitiba, Brazil", "Brasilia, Brazil", "Recife, Brazil",
    "Cordoba, Argentina", "San Jose, Costa Rica", "Panama City, Panama", "Santo Domingo, Dominican Republic",
    "San Juan, Puerto Rico", "Kingston, Jamaica", "Honolulu, United States", "Anchorage, United States",
    "Albuquerque, United States", "Boise, United States", "Omaha, United States", "Des Moines, United States",
    "Louisville, United States", "Memphis, United States", "New Orleans, United States",
    "Richmond, United States", "Hartford, United States", "Buffalo, United States",
    "Rochester, United States", "Madison, United States", "Ann Arbor, United States",
};

constexpr std::string_view kFirstNames[] = {
    "James", "Mary", "Wei", "Priya", "Mohammed", "Maria", "John", "Anna", "Carlos", "Fatima",
    "David", "Sofia", "Michael", "Elena", "Rahul", "Aisha", "Daniel", "Laura", "Hiroshi", "Yuki",
    "Robert", "Emma", "Jose", "Olga", "Ahmed", "Chloe", "Thomas", "Lucia", "Ivan", "Mei",
    "William", "Sarah", "Luis", "Ingrid", "Kwame", "Amara", "Richard", "Hannah", "Diego", "Zara",
    "Joseph", "Grace", "Arjun", "Nadia", "Paul", "Isabel", "Mark", "Julia", "Ana", "Omar",
    "Peter", "Clara", "Kenji", "Leila", "Andrew", "Sophie", "Raj", "Noor", "Steven", "Alice",
    "Kevin", "Emily", "Juan", "Marta", "Brian", "Rachel", "Ali", "Lina", "George", "Natalia",
    "Edward", "Olivia", "Sanjay", "Camila", "Ryan", "Ava", "Jason", "Mia", "Lucas", "Freya",
    "Matthew", "Ella", "Hassan", "Ines", "Samuel", "Chiara", "Benjamin", "Yasmin", "Alexander",
    "Helena", "Ethan", "Greta", "Nikhil", "Aylin", "Jonas", "Marie", "Tariq", "Eva", "Pedro",
    "Sara", "Mateo", "Kavya", "Felix", "Linnea", "Oscar", "Ruth", "Chen", "Min-jun", "Seo-yeon",
};

constexpr std::string_view kLastNames[] = {
    "Smith", "Garcia", "Wang", "Kumar", "Johnson", "Martinez", "Li", "Singh", "Brown", "Rodriguez",
    "Zhang", "Patel", "Jones", "Lopez", "Chen", "Sharma", "Miller", "Gonzalez", "Liu", "Khan",
    "Davis", "Hernandez", "Yang", "Ali", "Wilson", "Perez", "Huang", "Ahmed", "Anderson",
    "Sanchez", "Zhao", "Gupta", "Taylor", "Ramirez", "Wu", "Hussain", "Thomas", "Torres", "Zhou",
    "Reddy", "Moore", "Flores", "Xu", "Das", "Martin", "Rivera", "Sun", "Shah", "Jackson",
    "Gomez", "Ma", "Rao", "White", "Diaz", "Zhu", "Mehta", "Harris", "Cruz", "Hu", "Iyer",
    "Clark", "Morales", "Guo", "Nair", "Lewis", "Ortiz", "He", "Joshi", "Robinson", "Gutierrez",
    "Lin", "Verma", "Walker", "Chavez", "Luo", "Pillai", "Young", "Ramos", "Tanaka", "Kim",
    "Allen", "Ruiz", "Suzuki", "Park", "King", "Alvarez", "Sato", "Lee", "Wright", "Mendoza",
    "Nguyen", "Choi", "Scott", "Castillo", "Tran", "Jung", "Muller", "Schmidt", "Schneider",
    "Fischer", "Weber", "Rossi", "Russo", "Ferrari", "Dubois", "Bernard", "Moreau", "Silva",
    "Santos", "Oliveira", "Costa", "Ivanov", "Petrov", "Kowalski", "Nowak", "Jansen", "de Vries",
    "Andersson", "Nilsson", "Hansen", "Larsen", "Okafor", "Mensah", "Mwangi", "Haddad", "Yilmaz",
};

constexpr std::string_view kJobTitles[] = {
    "Software Engineer", "Senior Software Engineer", "Product Manager", "Data Scientist",
    "Data Analyst", "Engineering Manager", "Registered Nurse", "Physician", "Teacher",
    "Professor", "Research Scientist", "Account Executive", "Sales Manager", "Sales Representative",
    "Marketing Manager", "Marketing Specialist", "Project Manager", "Program Manager",
    "Business Analyst", "Financial Analyst", "Accountant", "Controller", "Chief Financial Officer",
    "Chief Executive Officer", "Founder", "Co-Founder", "Managing Director", "Vice President",
    "Director of Operations", "Operations Manager", "Human Resources Manager", "Recruiter",
    "Talent Acquisition Partner", "Customer Success Manager", "Customer Service Representative",
    "Consultant", "Senior Consultant", "Attorney", "Paralegal", "Graphic Designer",
    "UX Designer", "Architect", "Civil Engineer", "Mechanical Engineer", "Electrical Engineer",
    "Quality Assurance Engineer", "DevOps Engineer", "Security Analyst", "IT Manager",
    "Systems Administrator", "Pharmacist", "Supply Chain Manager", "Logistics Coordinator",
    "Administrative Assistant", "Executive Assistant", "Office Manager", "Store Manager",
    "Chef", "Electrician", "Intern", "Student", "Owner", "Partner", "Investment Analyst",
    "Portfolio Manager", "Editor", "Journalist", "Photographer", "Writer",
};

constexpr std::string_view kCompanyFirst[] = {
    "Apex", "Blue", "Bright", "Cedar", "Clear", "Coastal", "Crest", "Delta", "Eagle", "Echo",
    "Ember", "Evergreen", "Falcon", "First", "Forge", "Frontier", "Global", "Golden", "Granite",
    "Harbor", "Horizon", "Iron", "Keystone", "Lakeside", "Liberty", "Lumen", "Maple", "Meridian",
    "Metro", "Nimbus", "North", "Nova", "Oak", "Orbit", "Pacific", "Peak", "Pine", "Pioneer",
    "Polar", "Prime", "Quantum", "Red", "Ridge", "River", "Sage", "Silver", "Sky", "Solar",
    "Spring", "Standard", "Sterling", "Stone", "Summit", "Sun", "Terra", "Titan", "Trinity",
    "True", "Union", "United", "Valley", "Vertex", "West", "Willow",
};
constexpr std::string_view kCompanyMiddle[] = {
    "Data", "Health", "Energy", "Capital", "Logistics", "Media", "Foods", "Bio", "Cloud", "Retail",
    "Motion", "Works", "Grid", "Care", "Steel", "Water", "Home", "Learning", "Mobility", "Security",
    "Design", "Farms", "Marine", "Air", "Rail", "Legal", "Pharma", "Textile", "Chemical", "Mining",
    "Software", "Network", "Analytics", "Robotics", "Travel", "Insurance", "Realty", "Print",
    "Studio", "Labs", "Power", "Build", "Trade", "Fashion", "Sports", "Audio", "Vision", "Signal",
};
constexpr std::string_view kCompanySuffix[] = {
    "Inc.", "Ltd", "Group", "Partners", "Systems", "Solutions", "Holdings", "Co.",
    "Corporation", "Technologies", "Services", "Industries", "International", "Associates",
    "Consulting", "GmbH", "S.A.", "LLC", "Ventures", "Collective", "Networks", "Enterprises",
    "Agency", "Foundation", "Alliance", "Company", "Labs", "Works", "Hub", "Institute", "Global",
    "Digital",
};

constexpr int kFirstCount = static_cast<int>(std::size(kCompanyFirst));
constexpr int kMiddleCount = static_cast<int>(std::size(kCompanyMiddle));
constexpr int kSuffixCount = static_cast<int>(std::size(kCompanySuffix));
constexpr int kSchoolPatterns = 6;

char* Put(char* out, std::string_view s) {
  std::memcpy(out, s.data(), s.size());
  return out + s.size();
}

char* PutUint(char* out, uint32_t v) {
  char tmp[10];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) *out++ = tmp[--n];
  return out;
}

// The city part of "City, Country".
std::string_view CityOnly(std::string_view location) {
  const size_t comma = location.find(',');
  return comma == std::string_view::npos ? location : location.substr(0, comma);
}

}  // namespace

std::span<const std::string_view> Industries() { return kIndustries; }
std::span<const std::string_view> Cities() { return kCities; }
std::span<const std::string_view> FirstNames() { return kFirstNames; }
std::span<const std::string_view> LastNames() { return kLastNames; }
std::span<const std::string_view> JobTitles() { return kJobTitles; }

uint32_t MaxSchools() { return static_cast<uint32_t>(std::size(kCities)) * kSchoolPatterns; }

char* CompanyName(uint32_t c, char* out) {
  // Mixed radix over (first, middle, suffix); a numeric suffix beyond the word combinations.
  out = Put(out, kCompanyFirst[c % kFirstCount]);
  *out++ = ' ';
  out = Put(out, kCompanyMiddle[(c / kFirstCount) % kMiddleCount]);
  *out++ = ' ';
  out = Put(out, kCompanySuffix[(c / (kFirstCount * kMiddleCount)) % kSuffixCount]);
  const uint32_t round = c / (kFirstCount * kMiddleCount * kSuffixCount);
  if (round > 0) {
    *out++ = ' ';
    out = PutUint(out, round + 1);
  }
  return out;
}

char* SchoolName(uint32_t s, char* out) {
  const std::string_view city = CityOnly(kCities[s / kSchoolPatterns]);
  switch (s % kSchoolPatterns) {
    case 0:
      return Put(Put(out, "University of "), city);
    case 1:
      return Put(Put(out, city), " Institute of Technology");
    case 2:
      return Put(Put(out, city), " State University");
    case 3:
      return Put(Put(out, city), " School of Business");
    case 4:
      return Put(Put(out, city), " College");
    default:
      return Put(Put(out, city), " Polytechnic");
  }
}

}  // namespace liaison::generators::names
