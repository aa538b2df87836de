"""Held-out gold: cc-23-1-china-russia (Jan.-Apr. 2021), markdown-like file only."""
from annotate import Article

A = Article("cc-23-1-china-russia", ["h4_cc_23_1_markdown.txt"],
            "Empire Strikes Back at Moscow and Beijing", "23", "1", ["2021-01-01", "2021-04-30"])
E = A.E
XI, PUTIN, BIDEN = "xi-jinping", "vladimir-putin", "joe-biden"
LAVROV = "sergey-lavrov|sergei-lavrov"
CNSA = "cnsa|china-national-space-administration"

# --- chronology (26 entries) ---------------------------------------------------------------------
E("c01", "Jan. 18, 2021:", "2021-01-18", None, "Statement", [LAVROV], ["russia", "russian-foreign-ministry"],
  pl="moscow", note="a press conference")
E("c02", "Jan. 20, 2021:", "2021-01-20", None, "Appointment", [BIDEN], ["united-states"],
  note="inauguration: taking office")
E("c02w", "Jan. 25-29, 2021:", "2021-01-25", "2021-01-29", "ConferenceOrForum", ["world-economic-forum"], [],
  note="the virtual Davos Agenda week; no place (held online)")
E("c03", "Jan. 25, 2021: President Xi", "2021-01-25", None, "Statement", [XI], ["china", "world-economic-forum"])
E("c04", "Jan. 26, 2021:", "2021-01-26", None, "PhoneCall", [BIDEN, PUTIN], ["united-states", "russia"],
  also=["Biden's first call to Putin, on Jan. 26"])
E("c05", "Jan. 27, 2021:", "2021-01-27", None, "Statement", [PUTIN], ["russia", "world-economic-forum"])
E("c06", "Feb. 3, 2021:", "2021-02-03", None, "OtherEvent", ["russia", "united-states"], ["moscow", "washington-dc"],
  also=["on Feb. 3 Moscow and Washington extended the New START treaty"],
  note="a treaty extension by exchange of notes; the narrative names the capitals for the states")
E("c07", "Feb. 4, 2021:", "2021-02-04", None, "Statement", [BIDEN], ["united-states", "us-state-department", "china"])
E("c08", "Feb. 10, 2021:", "2021-02-10", None, "PhoneCall", [XI, BIDEN], ["china", "united-states"],
  also=["Xi waited until Feb. 10, the eve of the Chinese New Year, for his first call with Biden"])
E("c09", "Feb. 19, 2021:", "2021-02-19", None, "Statement", [BIDEN], ["united-states", "munich-security-conference"],
  also=["Joe Biden told the [Munich Security Conference](#) on Feb. 19"])
E("c10", "March 2, 2021:", "2021-03-02", None, "OtherEvent", ["united-states"],
  ["russia", "alexei-navalny", "washington-dc"],
  also=["Washington imposed new sanctions on Russian officials on March 2"])
E("c11", "March 9, 2021:", "2021-03-09", None, "AgreementSigning", ["roscosmos", CNSA],
  ["russia", "china", "dmitry-rogozin", "zhang-kejian"],
  also=["On March 9, Russia's Roscosmos and the China National Space Administration (CNSA) signed"],
  note="the narrative names the two signatories (optional)")
E("c12", "March 12, 2021:", "2021-03-12", None, "Summit", ["united-states", "japan", "india", "australia"],
  ["quad|quadrilateral-security-dialogue"], k=1, note="'Leaders of the US, Japan, India and Australia': unnamed "
  "persons, so the states")
E("c13", "March 17, 2021:", "2021-03-17", None, "OtherEvent", ["russia"],
  ["anatoly-antonov", BIDEN, PUTIN, "united-states", "moscow"],
  also=["led Moscow to recall its ambassador, Anatoly Antonov, the same day"], note="an ambassador recalled")
E("c14", "March 18-19, 2021:", "2021-03-18", "2021-03-19", "BilateralMeeting",
  ["antony-blinken", "jake-sullivan", "yang-jiechi", "wang-yi"], ["united-states", "china"],
  pl="anchorage|alaska", also=["The US-China talks in Anchorage on March 18-19"])
E("c15", "March 22, 2021: The EU", "2021-03-22", None, "OtherEvent",
  ["european-union", "united-states", "united-kingdom", "canada"], ["china", "xinjiang"],
  also=["On March 22, the US, the EU, the UK and Canada imposed coordinated sanctions"])
E("c16", "March 22-23, 2021:", "2021-03-22", "2021-03-23", "Visit", [LAVROV, "wang-yi"], ["russia", "china"],
  pl="guilin|china",
  also=["Russian Foreign Minister Sergey Lavrov landed in the southern Chinese city of Guilin for a two-day visit"],
  note="'visits China and holds talks with Wang Yi': Wang is in the main clause (as Li Keqiang in the seed "
       "gold's Medvedev visit)")
E("c16s", "March 22-23, 2021:", "2021-03-23", None, "AgreementSigning", [LAVROV, "wang-yi"], ["russia", "china"],
  pl="guilin", sub="c16",
  also=["In Guilin, Lavrov and Wang Yi issued a [joint statement](#)"],
  note="a secondary sentence of the entry, dated to the day (March 23) in the narrative: a signing with "
       "Chinese and Russian agents, required by the narrative rule")
E("c17", "March 27, 2021:", "2021-03-27", None, "AgreementSigning", ["wang-yi"], ["china", "iran"], pl="tehran")
E("c18", "April 5, 2021:", "2021-04-05", None, "OtherEvent", [PUTIN], ["russia"], note="signing a law, not an agreement")
E("c19", "April 13, 2021:", "2021-04-13", None, "PhoneCall", [BIDEN, PUTIN], ["united-states", "russia"],
  also=["Biden, however, also called Putin on April 13"])
E("c20", "April 14, 2021:", "2021-04-14", None, "Statement", [BIDEN], ["united-states", "afghanistan"])
E("c21", "April 15, 2021:", "2021-04-15", None, "OtherEvent", ["united-states"], ["russia"],
  also=["On April 15, the US expelled 10 Russian diplomats"])
E("c22", "April 20, 2021:", "2021-04-20", None, "Statement", [XI], ["china", "boao-forum-for-asia"])
E("c23", "April 21, 2021:", "2021-04-21", None, "Statement", [PUTIN],
  ["russia", "federal-assembly|federal-assembly-of-russia"], pl="moscow")
E("c24", "April 22, 2021: Presidents", "2021-04-22", None, "Summit", [XI, PUTIN],
  [BIDEN, "china", "russia", "united-states"],
  also=["At Biden's virtual Leaders Summit on Climate on April 22"],
  note="the leaders address a multilateral summit; the host is in a participle phrase")
E("c25", "April 22, 2021: Russian Defense", "2021-04-22", None, "Statement", ["sergei-shoigu"],
  ["russia", "russian-defense-ministry", "ukraine"], note="an order announced by the minister")

# optional: the counter-sanctions in the entry's second sentence
E("c15b", "March 22, 2021: The EU", "2021-03-22", None, "OtherEvent", ["china"],
  ["european-union", "united-states", "united-kingdom", "canada"], sub="c15", req=False,
  note="'China announces counter-sanctions the same day'")

# --- narrative: optional happenings ---------------------------------------------------------------
E("o_killer", "Biden's description of Putin as a \"killer\" in a television interview on March 17", "2021-03-17",
  None, "Statement", [BIDEN], ["united-states", PUTIN], sec="narrative", req=False,
  note="a statement: optional in the narrative; the entry c13 names it in a subordinate clause")

# --- entity mentions (a sample of maximal names of reference entities; QIDs not re-verified here) -----
M = A.M
M("Roscosmos", "roscosmos")
M("Anatoly Antonov", "anatoly-antonov")
M("Alexei Navalny", "alexei-navalny")
M("Sergey Lavrov", "sergey-lavrov")
M("Yang Jiechi", "yang-jiechi", section="chronology")
M("Sergei Shoigu", "sergei-shoigu", section="chronology")
M("Tehran", "tehran", section="chronology")
M("Crimea", "crimea", section="chronology")

DOC = A.document()
