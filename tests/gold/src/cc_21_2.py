"""Gold annotation of cc-21-2-china-russia (seeds/002, May-August 2019); guideline: docs/evaluation.md."""
from gold_authoring import Article

A = Article("cc-21-2-china-russia", ["002_a34c8ec05d7bdf2b.txt"],
            "Beautiful Relationship in a Brave/Grave New World", "21", "2", ["2019-05-01", "2019-08-31"],
            "CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
E = A.E
XI, PUTIN = "xi-jinping", "vladimir-putin"
LAVROV = "sergey-lavrov|sergei-lavrov"
BATTULGA = "khaltmaagiin-battulga|battulga|khaltmaa-battulga"
CASS = "chinese-academy-of-social-sciences|china-s-academy-of-social-sciences|academy-of-social-sciences|cass"
RIAC = "russian-global-affairs-council|russian-international-affairs-council|riac"
CAC = "cyberspace-administration-of-china|cac"

E("c01", "April 29-May 4, 2019:", "2019-04-29", "2019-05-04", "NavalExercise", ["china", "russia"],
  ["pla-navy|plan|peoples-liberation-army-navy", "russian-navy"], pl="yellow-sea", s="joint-sea", n="Joint Sea 2019",
  also=["The naval part, or the second stage, of the annual *Joint Sea-2019*"],
  note="narrative: coastal part April 29-30, naval part from May 1, missile firing May 4")
E("c02", "May 13, 2019:", "2019-05-13", None, "Visit", ["wang-yi", LAVROV], [PUTIN, "china", "russia"], pl="sochi")
E("c02b", "May 13, 2019:", "2019-05-13", None, "BilateralMeeting", [PUTIN, "wang-yi", LAVROV], ["china", "russia"],
  pl="sochi", sub="c02", req=False, note="'Putin meets both after their talks'",
  also=["In his meeting with Russian President Putin following talks with Lavrov in early May"])
E("c02c", "May 13, 2019:", "2019-05-13", None, "BilateralMeeting", ["wang-yi", LAVROV], ["china", "russia"],
  pl="sochi", sub="c02", req=False, note="'They meet in Sochi' (secondary sentence)")
E("c03", "May 22, 2019:", "2019-05-22", None, "CommissionSession", ["sco"], ["china", "russia", "kyrgyzstan"], pl="bishkek",
  s="sco-foreign-ministers-meeting")
E("c04", "May 30-31, 2019:", "2019-05-30", "2019-05-31", "ConferenceOrForum", [RIAC, CASS], ["russia", "china"],
  pl="moscow")
E("c05", "June 5-7, 2019:", "2019-06-05", "2019-06-07", "Visit", [XI], [PUTIN, "russia", "china", "communist-party-of-china"],
  pl="russia|moscow|saint-petersburg",
  also=["Chairman Xi Jinping’s three-day trip to Russia on June 5-7"])
E("c05s", "June 5-7, 2019:", "2019-06-05", "2019-06-07", "ConferenceOrForum", [XI, PUTIN], ["russia", "china"],
  pl="saint-petersburg", s="spief|st-petersburg-international-economic-forum", k=23, sub="c05", req=False,
  note="23rd SPIEF, no own dates in the text")
E("c06", "June 13, 2019:", "2019-06-13", None, "Visit", ["han-weiguo", "valery-gerasimov"],
  ["china", "russia", "pla-ground-force", "russian-general-staff"],
  pl="moscow")
E("c07", "June 14, 2019:", "2019-06-14", None, "Summit", ["sco", XI, PUTIN], ["china", "russia", "kyrgyzstan", BATTULGA, "mongolia"],
  pl="bishkek", s="sco-summit", k=19,
  also=["the 19th Shanghai Cooperation Organization (SCO) Summit in Bishkek on June 14",
        "Putin and Xi attended the 19th SCO Summit in Bishkek"])
E("c07b", "June 14, 2019:", "2019-06-14", None, "Summit", [XI, PUTIN, BATTULGA], ["china", "russia", "mongolia"],
  pl="bishkek", s="china-russia-mongolia-summit", k=5, sub="c07", note="fifth China-Russia-Mongolia meeting on the sidelines")
E("c08", "June 15, 2019:", "2019-06-15", None, "Summit", ["cica", PUTIN, XI], ["russia", "china", "tajikistan"],
  pl="dushanbe", s="cica-summit", k=5,
  also=["Conference on Interaction and Confidence-Building Measures in Asia (CICA) in Dushanbe on June 15",
        "Interaction and Confidence-Building Measures in Asia (CICA) Summit in Dushanbe"])
E("c09", "June 28, 2019:", "2019-06-28", None, "Summit", [PUTIN, "narendra-modi", XI], ["russia", "india", "china", "ric", "g20"],
  pl="osaka", also=["the Russia-India-China ([RIC](#)) meeting on the sidelines of the G20 summit in Osaka on June 28",
                    "they joined in a mini Russia-India-China (RIC) gathering"],
  note="RIC leaders' meeting on the sidelines of the G20")
E("c09h", "June 28, 2019:", "2019-06-28", None, "Summit", ["g20"], [PUTIN, XI, "narendra-modi", "japan"], pl="osaka",
  s="g20-summit",
  req=False, note="host event", also=["At the end of June, they were part of the G20 Summit in Osaka"])
E("o_trump", "before meeting separately with US President Donald", "2019-06-20", "2019-06-30", "BilateralMeeting",
  ["donald-trump"], [XI, PUTIN, "united-states", "china", "russia"], pl="osaka", prec="month", sub="c09h",
  sec="narrative", req=False, note="'at the end of June': Xi and Putin each met Trump")
E("c08b", "June 15, 2019:", "2019-06-15", None, "Statement", ["cica"], [PUTIN, XI], pl="dushanbe", sub="c08", req=False,
  note="'CICA issues a joint declaration'")
E("c10", "July 12, 2019:", "2019-07-12", None, "UNAction", ["russia"], ["china", "un|united-nations"],
  note="China is the topic, not an actor")
E("c11", "July 17, 2019: A delegation", "2019-07-17", None, "BilateralMeeting", [CAC, "roskomnadzor"],
  ["china", "russia"], pl="moscow")
E("c11b", "July 17, 2019: A delegation", "2019-07-17", None, "Statement", ["roskomnadzor"], ["russia", CAC], req=False,
  sub="c11")
E("c12", "July 17, 2019: In an interview", "2019-07-17", None, "Statement", [LAVROV],
  ["russia", "argumenty-i-fakty"], pl="moscow",
  also=["in an interview with *Argumenty I Fakty Daily*"])
E("c13", "July 23, 2019:", "2019-07-23", None, "JointPatrol", ["russia", "china"],
  ["russian-aerospace-forces", "pla-air-force|plaaf", "ministry-of-defence-of-russia|russian-defense-ministry"],
  pl="sea-of-japan|east-china-sea", also=["The two naval \"breakthroughs\" were matched on July 23",
                                         "In between, Russian and Chinese bombers conducted the first-ever joint patrol"])
E("c13b", "July 23, 2019:", "2019-07-23", None, "OtherEvent", ["south-korea", "japan"], ["russia", "china"],
  req=False, sub="c13", note="South Korea and Japan scramble aircraft")
E("c14", "July 24, 2019:", "2019-07-24", None, "ArmsDelivery", ["russia", "china"], ["tass"], status="announced",
  note="a report that Russia will deliver a second S-400 (announced, not held)")
E("c15", "July 25, 2019: Taliban", "2019-07-25", None, "Statement", ["taliban"], ["russia", "china", "united-states"])
E("c16", "July 25, 2019: Chinese Foreign Ministry", "2019-07-25", None, "Statement",
  ["chinese-foreign-ministry"], ["china", "russia"])
E("c17", "Aug. 10, 2019:", "2019-08-10", None, "Appointment", ["zhang-hanhui"], ["china", "russia"], pl="moscow",
  note="a new ambassador arrives at his post")
E("c18", "Aug. 21, 2019:", "2019-08-21", None, "UNAction", ["russia", "china"],
  ["un-security-council|unsc|united-nations-security-council", "united-states"])
E("c19", "Aug. 31, 2019:", "2019-08-31", None, "CommissionSession", ["china", "russia"],
  ["china-russian-committee-of-strategic-cooperation-for-satellite-navigation"], pl="kazan", k=6,
  also=["At the sixth Session of the China-Russian Committee of Strategic Cooperation"])

# --- narrative -----------------------------------------------------------------------------------
E("n_mts", "On June 6, Russia’s top cellphone operator [MTS](#) signed an agreement with Huawei", "2019-06-06", None,
  "AgreementSigning", ["mts", "huawei"], [XI, PUTIN, "russia", "china"], sec="narrative")

E("o_js_coast", "after the coastal part of the exercises were completed on April 29-30", "2019-04-29", "2019-04-30",
  "NavalExercise", ["china", "russia"], [], sub="c01", pl="yellow-sea", sec="narrative", req=False)
E("o_js_naval", "started May 1 after the coastal part", "2019-05-01", "2019-05-04", "NavalExercise", ["china", "russia"], [],
  sub="c01", pl="yellow-sea", sec="narrative", req=False)
E("o_js_missile", "incoming anti-ship missiles (May 4)", "2019-05-04", None, "NavalExercise", ["china", "russia"], [],
  sub="c01", pl="yellow-sea", sec="narrative", req=False)
E("o_spief_speech", "In his speech to the Plenary Session of the St Petersburg International Economic Forum the following day (June 7)",
  "2019-06-07", None, "Statement", [PUTIN], ["russia"], pl="saint-petersburg", sec="narrative", req=False)
E("o_us_test", "On Aug. 19, the U.S. [tested](#)", "2019-08-19", None, "OtherEvent", ["united-states"], [],
  sec="narrative", req=False)
E("o_inf", "exit from the INF treaty two weeks prior (Aug. 2)", "2019-08-02", None, "OtherEvent", ["united-states"],
  [], sec="narrative", req=False)
E("o_emergency", "declared a [national emergency](#) on May 15", "2019-05-15", None, "Statement", ["united-states"],
  ["donald-trump", "huawei"], sec="narrative", req=False)
E("o_vimpel", "Russian telecom giant [VimpelCom](#)", "2019-05-17", None, "Statement", ["vimpelcom"], ["huawei", "russia"],
  sec="narrative", req=False)
E("o_center", "strategic command and staff exercises (командно-штабные учения) to be held Sept. 16-21", "2019-09-16",
  "2019-09-21", "MilitaryExercise", ["russia", "china"], ["india", "pakistan", "uzbekistan", "kazakhstan", "kyrgyzstan",
                                                          "tajikistan", "csto"],
  s="center", n="Center-2019", status="planned", sec="narrative", req=False, note="planned, after the period")
E("o_center_intro", "China’s participation in Russia’s *Center-2019* exercises on Sept. 16-21", "2019-09-16",
  "2019-09-21", "MilitaryExercise", ["russia", "china"], [], sec="narrative", req=False)
E("o_orenburg", "it arrived in the Russian city [Orenburg](#)", "2019-09-04", None, "OtherEvent", ["china"], ["russia"],
  pl="orenburg", sec="narrative", req=False)
E("o_vostok", "In September 2018, 3,200 Chinese troops", "2018-09-01", "2018-09-30", "MilitaryExercise",
  ["russia", "china"], [], n="Vostok 2018", s="vostok", prec="month", sec="narrative", req=False)
E("o_kremlin", "In the Kremlin, Putin and Xi discussed major bilateral issues", "2019-06-05", None, "BilateralMeeting",
  [XI, PUTIN], ["china", "russia"], pl="moscow", sub="c05", sec="narrative", req=False)
E("o_soy", "In early July, China officially gave [greenlights]", "2019-07-01", "2019-07-31", "OtherEvent", ["china"],
  ["russia"], prec="month", sec="narrative", req=False)
E("o_airshow", "At the annual [Moscow Airshow](#) at the end of August", "2019-08-01", "2019-08-31", "ConferenceOrForum",
  [], ["russia", "china"], pl="moscow", prec="month", sec="narrative", req=False)
E("o_lavrov_sept", "In early September, [Lavrov](#) responded", "2019-09-01", "2019-09-30", "Statement", [LAVROV],
  ["russia"], prec="month", sec="narrative", req=False)
E("o_center_ann", "In late August, Russia and China announced", "2019-08-01", "2019-08-31", "Statement",
  ["russia", "china"], [], prec="month", sec="narrative", req=False)

M = A.M
M("Chairman Xi Jinping", XI, "Q15031")
M("President Vladimir Putin", PUTIN, "Q7747")
M("Bishkek", "bishkek", "Q9361")
M("Dushanbe", "dushanbe", "Q9365")
M("Osaka", "osaka", "Q35765")
M("Narendra Modi", "narendra-modi", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Wang Yi", "wang-yi", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Sergei Lavrov", "sergey-lavrov", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Sochi", "sochi", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Valery Gerasimov", "valery-gerasimov")
M("SCO", "sco", "Q485207", after="June 14, 2019:")
M("Chairman Xi", XI, "Q15031", after="June 15, 2019:")
M("Moscow", "moscow", "Q649", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Kazan", "kazan", "Q900", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Dmitry [Rogozin](#)", "dmitry-rogozin")
M("Xi", XI, "Q15031", after="The momentum of summitry continued")
M("Putin", PUTIN, "Q7747", after="The momentum of summitry continued")
M("South Korea", "south-korea", "Q884", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Japan", "japan", "Q17", after="Both South Korea and")
M("Han Weiguo", "han-weiguo", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Battulga", "khaltmaagiin-battulga", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Zhang Hanhui", "zhang-hanhui", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Roskomnadzor", "roskomnadzor", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Cyberspace Administration of China", "cyberspace-administration-of-china", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Taliban", "taliban", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
DOC = A.document(19)
