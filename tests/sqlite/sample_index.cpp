#include "sample_index.hpp"

#include <sqlite3.h>

#include <memory>
#include <stdexcept>

namespace seam::test {

const std::vector<SampleDocument>& sample_documents() {
  static const std::vector<SampleDocument> documents = {
      {"bees", "Honey bees",
       "Honey bees collect nectar from flowers and turn it into honey inside the hive. Worker bees "
       "evaporate the water from the nectar by fanning their wings, then seal the honey in wax "
       "cells to feed the colony through the winter."},
      {"volcanoes", "Volcanoes",
       "A volcano forms where molten rock, called magma, rises through the crust and erupts at the "
       "surface as lava, ash and gas. Most volcanoes sit along the boundaries of tectonic plates, "
       "such as the Pacific Ring of Fire."},
      {"photosynthesis", "Photosynthesis",
       "Plants capture sunlight with chlorophyll and use its energy to combine carbon dioxide and "
       "water into glucose. Oxygen is released as a by-product, which is why forests and ocean "
       "algae supply much of the air we breathe."},
      {"aqueducts", "Roman aqueducts",
       "The Romans built aqueducts to carry fresh water from distant springs into their cities. "
       "Gravity did all the work: the channels descended at a gentle, carefully surveyed slope "
       "across valleys on stone arches."},
      {"jazz", "Jazz",
       "Jazz grew out of New Orleans in the early twentieth century, blending blues, ragtime and "
       "brass band music. Improvisation is at its heart: musicians invent melodies on the spot "
       "over a shared chord progression."},
      {"tides", "Ocean tides",
       "Tides are the regular rise and fall of the sea caused mainly by the gravitational pull of "
       "the Moon. Most coasts see two high tides and two low tides every lunar day of about "
       "twenty-four hours and fifty minutes."},
      {"black-holes", "Black holes",
       "A black hole is a region of space where gravity is so strong that nothing, not even "
       "light, can escape once it crosses the event horizon. Stellar black holes form when very "
       "massive stars collapse at the end of their lives."},
      {"coffee", "Coffee",
       "Coffee comes from the roasted seeds of a cherry-like fruit grown in tropical highlands. "
       "Roasting develops hundreds of aroma compounds, and the caffeine in a cup blocks the "
       "brain's adenosine receptors to keep drowsiness at bay."},
      {"chess", "Chess",
       "Chess is a strategy game for two players on a board of sixty-four squares. Each side "
       "commands sixteen pieces, and the goal is to checkmate the opposing king so that it cannot "
       "escape capture."},
      {"printing-press", "The printing press",
       "Around 1440 Johannes Gutenberg combined movable metal type, oil-based ink and a screw "
       "press. Books became far cheaper to produce, and the spread of printed text helped fuel the "
       "Renaissance and the Reformation."},
      {"penguins", "Penguins",
       "Penguins are flightless seabirds of the Southern Hemisphere. Their wings have evolved into "
       "stiff flippers, and emperor penguins can dive deeper than five hundred metres while "
       "hunting fish and squid."},
      {"glaciers", "Glaciers",
       "A glacier is a slow river of ice formed from snow compacted over centuries. As it creeps "
       "downhill it grinds the bedrock beneath it, carving U-shaped valleys and leaving moraines "
       "of rock and gravel behind."},
      {"silk-road", "The Silk Road",
       "The Silk Road was a network of trade routes linking China with Central Asia, Persia and "
       "the Mediterranean. Merchants carried silk, spices and paper westward, while ideas, "
       "religions and diseases travelled along the same caravans."},
      {"vaccines", "Vaccines",
       "A vaccine trains the immune system by showing it a harmless piece or copy of a pathogen. "
       "If the real germ arrives later, memory cells recognise it quickly, and the body fights the "
       "infection before it can cause serious illness."},
      {"coral-reefs", "Coral reefs",
       "Coral reefs are built by colonies of tiny animals that secrete limestone skeletons. The "
       "Great Barrier Reef off Australia is the largest, and warming seas threaten reefs through "
       "bleaching, when corals expel their symbiotic algae."},
      {"bread", "Baking bread",
       "Yeast feeds on the sugars in flour and releases carbon dioxide, which the stretchy gluten "
       "network traps as bubbles. Kneading develops the gluten, and the heat of the oven sets the "
       "crumb and browns the crust."},
      {"lighthouses", "Lighthouses",
       "Lighthouses warn ships away from rocks and mark safe harbours at night. The Fresnel lens, "
       "invented in 1822, focuses a lamp into a powerful beam that sailors can see more than "
       "twenty miles out to sea."},
      {"violin", "The violin",
       "The violin has four strings tuned in fifths and is played with a bow strung with "
       "horsehair. Instruments made by Antonio Stradivari in the early eighteenth century are "
       "still prized for their tone."},
      {"monsoon", "Monsoon",
       "A monsoon is a seasonal reversal of winds that brings heavy summer rain to South Asia. "
       "Farmers across India depend on the monsoon rains to water rice and other crops."},
      {"file-paths", R"(File paths: "C:\" versus "/")",
       "On Windows a path such as C:\\Users\\ada\\notes.txt separates folders with backslashes.\n"
       "Unix systems use forward slashes instead, as in /home/ada/notes.txt,\tand a file name may "
       "even contain \"quotes\"."},
  };
  return documents;
}

namespace {

struct CloseDatabase {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Database = std::unique_ptr<sqlite3, CloseDatabase>;

struct FinalizeStatement {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE) {
    throw std::runtime_error(std::string("sample index: ") + what + ": " + sqlite3_errmsg(db));
  }
}

void execute(sqlite3* db, const char* sql) {
  check(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), sql);
}

void insert_documents(sqlite3* db) {
  sqlite3_stmt* raw = nullptr;
  check(db,
        sqlite3_prepare_v2(db, "INSERT INTO docs(id, title, body) VALUES (?1, ?2, ?3)", -1, &raw,
                           nullptr),
        "prepare insert");
  Statement insert(raw);
  for (const SampleDocument& document : sample_documents()) {
    sqlite3_reset(insert.get());
    sqlite3_bind_text(insert.get(), 1, document.id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert.get(), 2, document.title.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert.get(), 3, document.body.c_str(), -1, SQLITE_TRANSIENT);
    check(db, sqlite3_step(insert.get()), "insert a document");
  }
}

}  // namespace

void write_sample_index(const std::filesystem::path& database) {
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(database.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Database db(raw);
  check(db.get(), rc, "open");
  execute(db.get(), "BEGIN");
  execute(db.get(), "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body)");
  insert_documents(db.get());
  execute(db.get(), "CREATE VIRTUAL TABLE notes USING fts5(text)");
  execute(db.get(),
          "INSERT INTO notes(text) VALUES ('Bees dance to tell the hive where nectar is.')");
  execute(db.get(), "CREATE VIRTUAL TABLE docs_terms USING fts5vocab(docs, 'row')");
  execute(db.get(), "CREATE TABLE authors(name TEXT)");
  execute(db.get(), "COMMIT");
}

}  // namespace seam::test
