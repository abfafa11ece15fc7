#include "article_description.h"

#include <sstream>

namespace inkset::fuzz {

std::string describe_article(const doc::Article& a) {
  std::ostringstream out;
  for (const doc::Block& b : a.blocks) {
    out << doc::block_kind_name(b.kind) << ' ' << int(b.level) << ' ' << b.depth << ' ' << b.parent << ' '
        << b.first_child << ' ' << b.next_sibling << ' ' << b.source.begin << '-' << b.source.end << " [" << b.text << "]";
    for (const doc::InlineSpan& s : b.spans) out << " {" << s.begin << ',' << s.end << ',' << s.flags << ',' << s.target << '}';
    out << ' ' << b.ordered << b.tight << ' ' << b.start << " m=" << b.marker << " i=" << b.info << " s=" << b.src
        << " a=" << b.alt << " t=" << b.title << ' ' << int(b.align) << b.header << " c=" << b.comment.author << '|'
        << b.comment.affiliation << '|' << b.comment.date << '|' << b.comment.votes << '\n';
  }
  for (const doc::Link& l : a.links) out << "link " << l.url << ' ' << l.title << '\n';
  for (const std::string& w : a.warnings) out << "warning " << w << '\n';
  return out.str();
}

}  // namespace inkset::fuzz
