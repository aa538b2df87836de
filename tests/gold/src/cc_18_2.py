"""Gold annotation of cc-18-2-china-russia (seeds/003, May-August 2016); guideline: docs/evaluation.md."""
from gold_authoring import Article

A = Article("cc-18-2-china-russia", ["003_b1d71dedfacc80fc.txt"],
            "China-Russia Relations: Politics of \u201cReluctant Allies\u201d", "18", "2", ["2016-05-01", "2016-08-31"],
            "Chronology of China-Russia Relations")
E = A.E
XI, PUTIN = "xi-jinping", "vladimir-putin"
LAVROV = "sergey-lavrov|sergei-lavrov"
ANTONOV = "anatoly-antonov"
ROSG = "rosgvardiya|russian-national-guard|national-guard-of-russia"
PAP = "peoples-armed-police|chinese-peoples-armed-police|chinese-peoples-armed-police-force|people-s-armed-police"

E("c01", "May 4-6, 2016:", "2016-05-04", "2016-05-06", "Visit", ["sergei-naryshkin|sergey-naryshkin"],
  ["zhang-dejiang", XI, "state-duma|duma", "national-peoples-congress|npc", "npc-standing-committee", "russia", "china",
   "parliamentary-cooperation-committee"], pl="china",
  note="purpose: 2nd meeting of the Sino-Russian Parliamentary Cooperation Committee; 'They meet Zhang Dejiang ... and Xi' is a secondary sentence")
E("c01b", "May 4-6, 2016:", "2016-05-04", "2016-05-06", "CommissionSession", ["sergei-naryshkin|sergey-naryshkin"],
  ["zhang-dejiang", "russia", "china", "parliamentary-cooperation-committee"], pl="china", k=2, sub="c01", req=False)
E("c01c", "May 4-6, 2016:", "2016-05-04", "2016-05-06", "BilateralMeeting",
  ["sergei-naryshkin|sergey-naryshkin", "zhang-dejiang", XI], ["russia", "china", "state-duma", "npc-standing-committee"],
  pl="china", sub="c01", req=False, note="'They meet Zhang Dejiang ... and President Xi Jinping' (secondary sentence)")
E("c02", "May 20-22, 2016:", "2016-05-20", "2016-05-22", "CommissionSession", ["sco"],
  ["russia", "china", "uzbekistan", LAVROV, "wang-yi"],
  pl="tashkent", s="sco-foreign-ministers-meeting", also=["The SCO Foreign Ministers Meeting in Tashkent on May 24"],
  note="narrative dates the meeting May 24 (contradiction); chronology kept")
E("c02b", "May 20-22, 2016:", "2016-05-20", "2016-05-22", "BilateralMeeting", [LAVROV, "wang-yi"], ["russia", "china"],
  pl="tashkent", sub="c02", note="sidelines meeting without its own date: the entry's span")
E("c03", "May 24, 2016:", "2016-05-24", None, "Consultation", ["sun-jianguo", "sergey-rudskoy|sergei-rudskoy"],
  ["china", "russia", "central-military-commission", "cmc-joint-staff-department", "russian-general-staff",
   "russian-armed-forces"], pl="beijing", s="military-strategic-consultation", k=18)
E("c04", "May 26-28, 2016:", "2016-05-26", "2016-05-28", "MissileDefenceSimulation", ["russia", "china"], [],
  pl="moscow", s="aerospace-security", n="Aerospace Security 2016", k=1,
  also=["From May 26-28 the two militaries held their first ever joint command/headquarters missile defense exercise"])
E("c05", "June 3, 2016:", "2016-06-03", None, "BilateralMeeting", [ANTONOV, "sun-jianguo"],
  ["russia", "china", "central-military-commission", "cmc-joint-staff-department"], pl=None,
  )
E("c05h", "June 3, 2016:", "2016-06-03", None, "ConferenceOrForum", ["shangri-la-dialogue"], [ANTONOV, "sun-jianguo"],
  req=False, note="host event (Singapore, not named by the text)")
E("c06", "June 6, 2016:", "2016-06-06", None, "Consultation", ["kong-xuanyou", "igor-morgulov"], ["china", "russia"],
  pl="beijing", s="northeast-asia-security-consultation", k=3)
E("c07", "June 8, 2016:", "2016-06-08", None, "CommissionSession", ["sco"], ["china", "russia", "kazakhstan"],
  pl="astana")
E("c08", "June 9, 2016:", "2016-06-09", None, "OtherEvent", ["china", "russia"], ["japan"],
  pl="senkaku-islands|diaoyu-islands|diaoyu-senkaku-islands",
  also=["Ten days later (June 9), Russian and Chinese warships", "On June 9, one Chinese and three Russian warships"],
  note="warships enter the contiguous zone; not called a joint patrol by the chronology")
E("c09", "June 19-20, 2016:", "2016-06-19", "2016-06-20", "BilateralMeeting", ["wang-yang", "dmitry-rogozin"],
  ["china", "russia"], pl="huangshan")
E("c10", "June 22-23, 2016:", "2016-06-22", "2016-06-23", "Consultation", ["sco"], ["china", "russia", "kyrgyzstan"],
  note="preparatory meeting for Peace Mission 2016 (which is planned, not held, in this entry)")
E("c11", "June 23, 2016:", "2016-06-23", None, "Summit", ["china", "russia", "mongolia"],
  [XI, PUTIN, "tsakhiagiin-elbegdorj|tsakhia-elbegdorj"], pl="tashkent", s="china-russia-mongolia-summit", sub="c12",
  also=["The SCO Summit also witnessed the third tripartite meeting"])
E("c12", "June 23-24, 2016:", "2016-06-23", "2016-06-24", "Summit", ["sco"],
  ["china", "russia", "uzbekistan", XI, PUTIN, "islam-karimov"], pl="tashkent", s="sco-summit",
  also=["Just one day after the Shanghai Cooperation Organization Summit in Tashkent (June 22-23)"],
  note="narrative dates the summit June 22-23 (contradiction); chronology kept")
E("c13", "June 3-6, 2016:", "2016-06-03", "2016-06-06", "Visit", ["liu-yandong", "olga-golodets"],
  ["china", "russia", "committee-humanities-cooperation"],
  pl="russia", note="out of date order in the chronology")
E("c13b", "June 3-6, 2016:", "2016-06-03", "2016-06-06", "CommissionSession", ["liu-yandong", "olga-golodets"],
  ["china", "russia", "committee-humanities-cooperation"], pl="russia", k=7, sub="c13", req=False)
E("c14", "June 25, 2016:", "2016-06-25", None, "Visit", [PUTIN, XI], ["russia", "china", "li-keqiang", "zhang-dejiang"],
  pl="beijing|china",
  also=["the Russian and Chinese presidents met again, this time in Beijing"],
  note="narrative implies June 24 ('one day after' a summit it dates June 22-23); chronology kept")
E("c15", "July 3-16, 2016:", "2016-07-03", "2016-07-16", "LawEnforcementExercise", [ROSG, PAP], ["russia", "china"],
  s="cooperation", n="Cooperation 2016")
E("c16", "July 12-14, 2016:", "2016-07-12", "2016-07-14", "Visit", ["wang-yang"],
  ["china", "russia", "joint-commission-heads-of-government"],
  pl="yekaterinburg")
E("c16b", "July 12-14, 2016:", "2016-07-12", "2016-07-14", "ConferenceOrForum", ["wang-yang"], ["china", "russia"],
  pl="yekaterinburg", s="china-russia-expo", k=3, sub="c16", req=False, note="third China-Russia Exposition")
E("c17", "July 15, 2016:", "2016-07-15", None, "BilateralMeeting", ["dmitry-medvedev", "li-keqiang"],
  ["russia", "china", "asem"], pl="ulaanbaatar")
E("c17h", "July 15, 2016:", "2016-07-15", None, "Summit", ["asem|asia-europe-meeting"], ["dmitry-medvedev", "li-keqiang"],
  pl="ulaanbaatar", s="asem-summit", req=False, note="host event")
E("c18", "July 18-20, 2016:", "2016-07-18", "2016-07-20", "Visit", ["yang-jiechi", "mikhail-babich"],
  ["china", "russia", "volga-yangtze-council"], pl="ulyanovsk")
E("c19", "July 22, 2016:", "2016-07-22", None, "BilateralMeeting", [ANTONOV, "xi-gowei"],
  ["russia", "china", "chinese-defense-ministry"],
  pl="moscow", note="'Xi Goweï' as written")
E("c20", "July 25, 2016:", "2016-07-25", None, "BilateralMeeting", [LAVROV, "wang-yi"], ["russia", "china", "asean"],
  pl="laos|vientiane")
E("c21", "July 28, 2016:", "2016-07-28", None, "Consultation", ["kong-xuanyou", "igor-morgulov"], ["china", "russia"],
  pl="moscow", s="northeast-asia-security-consultation", k=4)
E("c22", "August 25, 2016:", "2016-08-25", None, "Consultation", ["russia", "china"], [], pl="moscow")

# --- narrative ---
E("n_spief", "In his speech at the Saint Petersburg Economic Forum on June 18", "2016-06-18", None,
  "ConferenceOrForum", [PUTIN], ["russia"], pl="saint-petersburg", s="spief|st-petersburg-international-economic-forum",
  sec="narrative", req=False, note="a forum appearance: optional in the narrative (not among the issue's listed kinds)")

E("o_putin_iv", "In an interview with Chinese media on June 17", "2016-06-17", None, "Statement", [PUTIN], ["russia"],
  sec="narrative", req=False)
E("o_zakharova", "On June 10, Russian Foreign Ministry official Maria Zakharova", "2016-06-10", None, "Statement",
  ["maria-zakharova"], ["russia"], sec="narrative", req=False)
E("o_morgulov", "officially articulated on May 17 by Russian Deputy Foreign Minister Igor Morgulov", "2016-05-17", None,
  "Statement", ["igor-morgulov"], ["russia"], pl="sochi", sec="narrative", req=False)
E("o_denisov", "On Aug. 11, Russian Ambassador Denisov", "2016-08-11", None, "Statement", ["andrei-denisov|andrey-denisov"],
  ["russia"], sec="narrative", req=False)
E("o_fm_may24", "The SCO Foreign Ministers Meeting in Tashkent on May 24", "2016-05-24", None, "Statement", ["sco"],
  ["china", "russia"], pl="tashkent", sec="narrative", req=False,
  note="the same FM meeting as c02 under a contradictory date; extracting it separately is not penalised")
E("o_tashkent_xi_putin", "Presidents Xi and Putin met briefly in Tashkent ahead of the formal SCO sessions", "2016-06-23",
  "2016-06-24", "BilateralMeeting", [XI, PUTIN], ["china", "russia"], pl="tashkent", sub="c12", sec="narrative",
  req=False, note="no date of its own")
E("o_zinoviev", "In late July, *Global Times* carried a sharp rebuttal", "2016-07-01", "2016-07-31", "Statement",
  ["georgy-zinoviev"], ["russia"], prec="month", sec="narrative", req=False)
E("o_valdai_report", "In March 2016, the Valdai Discussion Club published", "2016-03-01", "2016-03-31", "Statement",
  ["valdai-discussion-club|valdai-international-discussion-club"], [], prec="month", sec="narrative", req=False)
E("o_xi_jan", "In January 2016, President Xi traveled to Saudi Arabia", "2016-01-01", "2016-01-31", "Visit", [XI],
  ["saudi-arabia", "egypt", "iran"], prec="month", sec="narrative", req=False)
E("o_spokesman", "said a Chinese spokesman in late July", "2016-07-01", "2016-07-31", "Statement", ["china"], [],
  prec="month", sec="narrative", req=False)

M = A.M
M("President Putin", PUTIN, "Q7747")
M("Moscow", "moscow", "Q649", after="From May 26-28")
M("Tashkent", "tashkent", "Q269")
M("Beijing", "beijing", "Q956", after="Just one day after")
M("Premier Li Keqiang", "li-keqiang")
M("Zhang Dejiang", "zhang-dejiang")
M("SCO", "sco", "Q485207", after="June 8, 2016:")
M("Sergei Lavrov", "sergey-lavrov", after="Chronology of China-Russia Relations")
M("Wang Yi", "wang-yi", after="Chronology of China-Russia Relations")
M("Igor Morgulov", "igor-morgulov", after="Chronology of China-Russia Relations")
M("Kong Xuanyou", "kong-xuanyou", after="Chronology of China-Russia Relations")
M("Dmitry Rogozin", "dmitry-rogozin", after="Chronology of China-Russia Relations")
M("Wang Yang", "wang-yang", after="Chronology of China-Russia Relations")
M("Dmitry Medvedev", "dmitry-medvedev", "Q23530", after="Chronology of China-Russia Relations")
M("Li Keqiang", "li-keqiang", after="Chronology of China-Russia Relations")
M("Yang Jiechi", "yang-jiechi", after="Chronology of China-Russia Relations")
M("President Xi Jinping", XI, "Q15031", after="Chronology of China-Russia Relations")
M("Astana", "astana", "Q1520", after="Chronology of China-Russia Relations")
M("Ulaanbaatar", "ulaanbaatar", "Q23430", after="Chronology of China-Russia Relations")
M("India", "india", "Q668", after="SCO’s Tashkent Summit")
M("Pakistan", "pakistan", "Q843", after="SCO’s Tashkent Summit")
M("Iran", "iran", after="SCO growing pains?")
M("Sun", "sun-jianguo", after="June 3, 2016:")
M("Xi Gowe\u00ef", "xi-guowei")
M("Tsakhia Elbegdorj", "tsakhiagiin-elbegdorj")
M("Sergey Rudskoy", "sergey-rudskoy")
M("Olga Golodets", "olga-golodets")
M("Liu Yandong", "liu-yandong")
M("Sergei Naryshkin", "sergei-naryshkin")
M("Mikhail Babich", "mikhail-babich")
E("o_xi_2015", "Finally in May 2015, when Xi visited Moscow", "2015-05-01", "2015-05-31", "Visit", [XI],
  ["china", "russia", PUTIN], pl="moscow", prec="month", sec="narrative", req=False,
  note="a past visit the narrative dates (before the period): optional, like other history")
DOC = A.document(22)
