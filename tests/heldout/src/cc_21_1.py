"""Held-out gold: cc-21-1-china-russia (Jan.-Apr. 2019), one article in two files (markdown-like + PDF text)."""
from annotate import Article

A = Article("cc-21-1-china-russia", ["h1_cc_21_1_markdown.txt", "h2_cc_21_1_pdf.txt"],
            "The Story of Two Pivots", "21", "1", ["2019-01-01", "2019-04-30"])
E = A.E
XI, PUTIN, LAVROV = "xi-jinping", "vladimir-putin", "sergey-lavrov|sergei-lavrov"
UNSC = "unsc|un-security-council|united-nations-security-council"

# --- chronology (27 entries) ---------------------------------------------------------------------
E("c00", "Dec. 31, 2018:", "2018-12-31", None, "Statement", [XI, PUTIN], ["china", "russia"],
  note="an entry dated before the period (the year differs from the heading's)")
E("c01", "Jan. 14, 2019:", "2019-01-14", None, "Statement",
  ["general-administration-of-customs|china-s-general-administration-of-customs"], ["china", "russia"],
  note="a trade figure released by a body: the release is the event; Russia is the topic")
E("c02", "Jan. 22, 2019:", "2019-01-22", None, "BilateralMeeting", [PUTIN, "shinzo-abe"], ["russia", "japan"],
  pl="moscow")
E("c03", "Jan. 24, 2019:", "2019-01-24", None, "Statement", ["russia", "china"],
  ["nicolas-maduro", "juan-guaido", "venezuela"], note="Maduro and Guaido are the topic")
E("c04", "Jan. 26, 2019:", "2019-01-26", None, "UNAction", ["russia", "china"], [UNSC, "united-states", "venezuela"])
E("c05", "Jan. 29, 2019:", "2019-01-29", None, "Statement", ["dan-coats"],
  ["united-states", "senate-intelligence-committee|us-senate-intelligence-committee", "us-congress", "china",
   "russia"], also=["On Jan. 29, US Director of National Intelligence Dan Coats told the Senate"])
E("c06", "Feb. 1, 2019:", "2019-02-01", None, "Statement", ["mike-pompeo"], ["united-states", "us-state-department"])
E("c07", "Feb. 2, 2019: President Putin", "2019-02-02", None, "Statement", [PUTIN], ["russia", "united-states"])
E("c08", "Feb. 2, 2019: Chinese Foreign", "2019-02-02", None, "Statement", ["chinese-foreign-ministry"],
  ["china", "united-states"])
E("c09", "Feb. 14, 2019:", "2019-02-14", None, "Summit", [PUTIN, "recep-tayyip-erdogan", "hassan-rouhani"],
  ["russia", "turkey", "iran", "syria"], pl="sochi")
E("c10", "Feb. 16, 2019:", "2019-02-16", None, "Statement", ["yang-jiechi"],
  ["china", "munich-security-conference", "central-foreign-affairs-commission|office-of-the-central-foreign-affairs-commission"],
  note="the text names the conference, not the city: no place")
E("c11", "Feb. 20, 2019:", "2019-02-20", None, "Statement", [PUTIN],
  ["russia", "federal-assembly|federal-assembly-of-russia", "united-states", "europe"], pl="moscow")
E("c12", "Feb. 27-28, 2019:", "2019-02-27", "2019-02-28", "Summit", ["donald-trump", "kim-jong-un"],
  ["united-states", "north-korea", "vietnam"], pl="hanoi", k=2)
E("c13", "Feb. 27, 2019:", "2019-02-27", None, "ConferenceOrForum", ["wang-yi", LAVROV, "sushma-swaraj"],
  ["china", "russia", "india", "ric"], pl="wuzhen|zhejiang|zhejiang-province", s="ric-foreign-ministers-meeting", k=16)
E("n_wuzhen", "Wang Yi and Sergey Lavrov had met in the water town of Wuzhen", "2019-02-27", None,
  "BilateralMeeting", ["wang-yi", LAVROV], ["china", "russia"], pl="wuzhen", sub="c13", sec="narrative",
  note="'The day before' Feb. 28: a ministers' meeting on the RIC sidelines, reported only in the narrative")
E("c14", "Feb. 28, 2019:", "2019-02-28", None, "UNAction", ["russia", "china"], [UNSC, "united-states", "venezuela"],
  also=["on Feb. 28, the two [vetoed](#) a US-drafted Security Council resolution"])
E("c15", "March 20, 2019:", "2019-03-20", None, "Appointment", ["kassym-jomart-tokayev"],
  ["kazakhstan", "nursultan-nazarbayev"])
E("c16", "April 15-19, 2019:", "2019-04-15", "2019-04-19", "Consultation", ["russia", "china"],
  ["russian-armed-forces", "pla"], pl="beijing",
  also=["On April 15-19, they held the first round of consultations in Beijing"],
  note="'Russian and Chinese militaries': unnamed actors, so the states are required")
E("c17", "April 21, 2019:", "2019-04-21", None, "Election", ["volodymyr-zelensky"], ["ukraine"])
E("c18", "April 23, 2019:", "2019-04-23", None, "OtherEvent", ["pla-navy"], ["china", "russia"], pl="qingdao",
  also=["On April 23, Russian warships joined 32 Chinese naval vessels"], note="a naval parade (review)")
E("c19", "April 23-25, 2019:", "2019-04-23", "2019-04-25", "Visit", ["wei-fenghe"],
  ["china", "russia", "moscow-conference-on-international-security"], pl="moscow",
  also=["Defense Minister Wei Fenghe (魏凤和) was in Moscow for the Eighth Moscow Conference"])
E("c20", "April 25, 2019: President Putin and DPRK", "2019-04-25", None, "Summit", [PUTIN, "kim-jong-un"],
  ["russia", "north-korea"], pl="vladivostok|russky-island",
  also=["His [summit](#) with Putin on Russky Island on April 25"])
E("c21", "April 25, 2019: US Special", "2019-04-25", None, "Consultation",
  ["zalmay-khalilzad", "deng-xijun", "zamir-kabulov"], ["united-states", "china", "russia", "afghanistan"],
  pl="moscow")
E("c22", "April 25-27, 2019:", "2019-04-25", "2019-04-27", "Visit", [PUTIN], ["russia", "china", XI], pl="beijing",
  also=["Putin arrived in Beijing on April 25 for a \"working visit\""])
E("c22m", "April 25-27, 2019:", "2019-04-26", None, "BilateralMeeting", [PUTIN, XI], ["russia", "china"],
  pl="beijing", sub="c22", also=["The same day, Xi and Putin met separately"],
  note="a secondary sentence of the entry, but dated there ('on April 26') and in the narrative ('The same "
       "day' = April 26): required by the narrative rule")
E("c23", "April 27, 2019:", "2019-04-27", None, "Statement", [PUTIN], ["russia", "china"], pl="beijing",
  also=["At his press conference on April 27"])
E("c24", "April 29, 2019:", "2019-04-29", None, "CommissionSession", ["sco"],
  ["wei-fenghe", "sergei-shoigu", "china", "russia", "kyrgyzstan"], pl="bishkek", k=16,
  note="SCO defense ministers' meeting; the ministers are named in a secondary sentence")
E("c25", "April 29-May 4, 2019:", "2019-04-29", "2019-05-04", "NavalExercise", ["china", "russia"],
  ["pla-navy", "russian-navy"], pl="yellow-sea|qingdao", s="joint-sea", n="Joint Sea 2019",
  also=["*Joint Sea 2019* started on April 29 in the Yellow Sea off Qingdao"])

# optional: sub-events and host events the entries mention
E("c19c", "April 23-25, 2019:", "2019-04-23", "2019-04-25", "ConferenceOrForum",
  ["moscow-conference-on-international-security"], ["russia", "wei-fenghe"], pl="moscow",
  s="moscow-conference-on-international-security", k=8, sub="c19", req=False)
E("c22f", "April 25-27, 2019:", "2019-04-25", "2019-04-27", "ConferenceOrForum",
  ["belt-and-road-forum|belt-and-road-forum-for-international-cooperation"], ["china", PUTIN], pl="beijing",
  k=2, req=False, note="the forum's own dates are not written; the visit's span is used")

# --- narrative: optional happenings ---------------------------------------------------------------
E("o_kim_arrives", "Kim Jong Un arrived in Vladivostok by his armored train on April 24", "2019-04-24", None,
  "Visit", ["kim-jong-un"], ["north-korea", "russia"], pl="vladivostok", sec="narrative", req=False,
  note="Kim's arrival; Russia-DPRK, no Chinese or Russian agent acts")
E("o_bri_speech", "In his speech at the opening of the forum on April 26", "2019-04-26", None, "Statement",
  [PUTIN], ["russia", "china"], pl="beijing", sub="c22f", sec="narrative", req=False)

# --- entity mentions (a sample of maximal names of reference entities; QIDs not re-verified here) -----
M = A.M
M("Sergey Lavrov", "sergey-lavrov", section="chronology")
M("Yang Jiechi", "yang-jiechi", section="chronology")
M("Sergei Shoigu", "sergei-shoigu", section="chronology")
M("Shinzo Abe", "shinzo-abe", section="chronology")
M("Bishkek", "bishkek", section="chronology")
M("Yellow Sea", "yellow-sea")
M("People's Liberation Army Navy", "pla-navy")
M("Eurasian Economic Union", "eaeu")
M("Sergey Lavrov", "sergey-lavrov", file="h2_cc_21_1_pdf.txt", section="chronology")
M("Qingdao", "qingdao", file="h2_cc_21_1_pdf.txt")

DOC = A.document()
