"""Held-out gold: cc-20-3-china-russia (Sept.-Dec. 2018), PDF text only."""
from annotate import Article

A = Article("cc-20-3-china-russia", ["h3_cc_20_3_pdf.txt"],
            "Crouching Army, Hidden Alliance?", "20", "3", ["2018-09-01", "2018-12-31"])
E = A.E
XI, PUTIN = "xi-jinping", "vladimir-putin"
TSUGOL = "tsugol|tsugol-training-ground"

# --- chronology (26 entries) ---------------------------------------------------------------------
E("c01", "Sept. 11-13, 2018:", "2018-09-11", "2018-09-13", "ConferenceOrForum", [],
  [XI, PUTIN, "china", "russia"], pl="vladivostok", s="eastern-economic-forum", k=4,
  note="'is held': no agent; Xi and Putin are in the second sentence")
E("c01b", "Sept. 11-13, 2018:", "2018-09-11", None, "BilateralMeeting", [XI, PUTIN], ["china", "russia"],
  pl="vladivostok", sub="c01",
  also=["His talks with Putin in Vladivostok on Sept. 11",
        "In Vladivostok, President Putin met Chinese counterpart Xi Jinping"],
  note="explicit sidelines meeting with its own date, and the entry reports the forum: two required events")
E("c02", "Sept. 11-17, 2018:", "2018-09-11", "2018-09-17", "MilitaryExercise", ["russia"],
  ["china", "pla", "russian-armed-forces"], pl=f"{TSUGOL}|russian-far-east|siberia",
  s="vostok-exercise", n="Vostok-2018",
  also=["the Russian military opened its giant *Vostok-2018* exercise"],
  note="the PLA joins in a second sentence (optional participant)")
E("c03", "Sept. 12, 2018:", "2018-09-12", None, "BilateralMeeting", [XI, "shinzo-abe"], ["china", "japan", "russia"],
  pl="vladivostok")
E("c04", "Sept. 20, 2018:", "2018-09-20", None, "OtherEvent", ["us-state-department"],
  ["united-states", "cmc-equipment-development-department", "li-shangfu", "china", "central-military-commission",
   "russia"], also=["On Sept. 20, the US State Department imposed sanctions"],
  note="sanctions: the sanctioned body and person are the topic")
E("c05", "Sept. 22, 2018:", "2018-09-22", None, "Statement", ["chinese-foreign-ministry"],
  ["china", "united-states", "terry-branstad"], note="a summons to protest: typed as a statement")
E("c06", "Sept. 24, 2018:", "2018-09-24", None, "OtherEvent", [], ["united-states", "china"],
  also=["on Sept. 24, the US raised tariffs"], note="tariffs 'take effect': no agent in the entry")
E("c07", "Oct. 4, 2018:", "2018-10-04", None, "Statement", ["mike-pence"], ["united-states", "hudson-institute", "china"],
  pl="washington-dc|washington")
E("c08", "Oct. 11-12, 2018:", "2018-10-11", "2018-10-12", "Summit", ["sco"],
  ["li-keqiang", "dmitry-medvedev", "china", "russia", "tajikistan"], pl="dushanbe",
  s="sco-heads-of-government-meeting", k=17)
E("c09", "Oct. 18, 2018:", "2018-10-18", None, "ConferenceOrForum", [PUTIN],
  ["russia", "valdai-discussion-club"], pl="sochi", k=15, note="a forum appearance, typed as in the seed gold (Valdai 2017)")
E("c10", "Oct. 20, 2018:", "2018-10-20", None, "Statement", ["donald-trump"], ["united-states"],
  also=["The US announcement on Oct. 20 that it would withdraw"])
E("c11", "Oct. 23, 2018:", "2018-10-23", None, "BilateralMeeting", [PUTIN, "john-bolton"],
  ["russia", "united-states"], pl="moscow", also=["met Putin on Oct. 23"])
E("c12", "Nov. 6-7, 2018:", "2018-11-06", "2018-11-07", "Visit", ["dmitry-medvedev", "li-keqiang"],
  [XI, "china", "russia"], pl="china",
  also=["Russian Prime Minister Dmitry Medvedev visited China on Nov. 6-7"])
E("c13", "Nov. 9, 2018:", "2018-11-09", None, "Consultation",
  ["mike-pompeo", "james-mattis", "yang-jiechi", "wei-fenghe"], ["united-states", "china"],
  pl="washington-dc|washington", k=2)
E("c14", "Nov. 14, 2018:", "2018-11-14", None, "BilateralMeeting", [PUTIN, "shinzo-abe"], ["russia", "japan", "singapore"],
  pl="singapore")
E("c15", "Nov. 15, 2018:", "2018-11-15", None, "Summit", [PUTIN, "li-keqiang", "east-asia-summit"],
  ["russia", "china", "singapore"], pl="singapore", k=13)
E("c16", "Nov. 25, 2018:", "2018-11-25", None, "OtherEvent", ["russia"],
  ["ukraine", "russian-border-guards|border-guard-service|fsb-border-service"], pl="kerch-strait",
  also=["the Kerch Strait clash of Nov. 25"], note="'Russian border guards': unnamed actors, so the state")
E("c16g", "Nov. 30-Dec. 1, 2018:", "2018-11-30", "2018-12-01", "Summit", ["g20"], ["argentina"],
  pl="buenos-aires", s="g20-summit")
E("c17", "Nov. 30, 2018: President Putin", "2018-11-30", None, "Summit", [PUTIN, XI, "narendra-modi"],
  ["russia", "china", "india", "ric", "g20", "argentina"], pl="buenos-aires",
  also=["brought Putin, Xi and Indian Prime Minister Narendra Modi together on Nov. 30"])
E("c18", "Nov. 30, 2018: BRICS", "2018-11-30", None, "Summit", ["brics"], ["g20", PUTIN, XI, "china", "russia", "argentina"],
  pl="buenos-aires")
E("c19", "Dec. 1, 2018: President Xi", "2018-12-01", None, "BilateralMeeting", [XI, "donald-trump"],
  ["china", "united-states", "argentina"], pl="buenos-aires",
  also=["The next day, Xi and US President Donald Trump agreed over dinner"])
E("c20", "Dec. 1, 2018: Huawei", "2018-12-01", None, "OtherEvent", [],
  ["meng-wanzhou", "huawei", "canada", "united-states"], pl="vancouver",
  also=["hours before Canada arrested Huawei's chief financial officer Meng Wanzhou"],
  note="passive in the entry; Canada is the actor only in the narrative")
E("c21", "Dec. 4, 2018:", "2018-12-04", None, "Statement", ["mike-pompeo"],
  ["united-states", "us-state-department", "russia", "nato", "belgium"], pl="brussels")
E("c22", "Dec. 10, 2018:", "2018-12-10", None, "OtherEvent", ["russia"],
  ["venezuela", "russian-armed-forces", "russian-aerospace-forces"], pl="caracas")
E("c23", "Dec. 19, 2018:", "2018-12-19", None, "Statement", ["donald-trump"], ["united-states", "syria"])
E("c24", "Dec. 20, 2018:", "2018-12-20", None, "OtherEvent", ["james-mattis"], ["united-states"],
  note="a resignation")
E("c25", "Dec. 26, 2018:", "2018-12-26", None, "OtherEvent", [PUTIN], ["russia", "russian-defense-ministry"],
  pl="moscow", note="a weapon test the president oversees")

# optional sub-events of the Medvedev visit
E("c12m", "Nov. 6-7, 2018:", "2018-11-06", "2018-11-07", "BilateralMeeting", ["dmitry-medvedev", "li-keqiang"],
  ["china", "russia"], pl="china", s="prime-ministerial-meeting", k=23, sub="c12", req=False)
E("c12x", "Nov. 6-7, 2018:", "2018-11-06", "2018-11-07", "BilateralMeeting", ["dmitry-medvedev", XI],
  ["china", "russia"], pl="china", sub="c12", req=False, note="'He also meets President Xi'")

# --- narrative ---------------------------------------------------------------------------------------
E("n_tsugol", "On Sept. 13, Putin visited the Tsugol training ground", "2018-09-13", None, "Visit", [PUTIN],
  ["russia", "sergei-shoigu", "russian-defense-ministry"], pl=TSUGOL, sub="c02", sec="narrative",
  note="a dated visit by a Russian agent within the period: required")
E("o_bolton", "John Bolton was in Moscow on Oct. 22-23", "2018-10-22", "2018-10-23", "Visit", ["john-bolton"],
  ["united-states", "russia"], pl="moscow", sec="narrative", req=False)

# --- entity mentions (a sample of maximal names of reference entities; QIDs not re-verified here) -----
M = A.M
M("Li Shangfu", "li-shangfu")
M("Sergei Shoigu", "sergei-shoigu")
M("Narendra Modi", "narendra-modi")
M("Eastern Economic Forum", "eastern-economic-forum", section="chronology")
M("Dushanbe", "dushanbe", section="chronology")
M("Valdai International Discussion Club", "valdai-discussion-club", section="chronology")
M("East Asia Summit", "east-asia-summit", section="chronology")
M("Li Keqiang", "li-keqiang", section="chronology")
M("Dmitry Medvedev", "dmitry-medvedev", section="chronology")

DOC = A.document()
