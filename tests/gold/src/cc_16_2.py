"""Gold annotation of cc-16-2-china-russia (seeds/004, May-August 2014); guideline: docs/evaluation.md."""
from gold_authoring import Article

A = Article("cc-16-2-china-russia", ["004_95c762b830a15577.txt"],
            "China-Russia Relations: Navigating through the Ukraine Storm", "16", "2", ["2014-05-01", "2014-08-31"],
            "Chronology of China-Russia Relations")
E = A.E
XI, PUTIN = "xi-jinping", "vladimir-putin"
LAVROV = "sergey-lavrov|sergei-lavrov"

E("c01", "May 8, 2014:", "2014-05-08", None, "Visit", ["igor-shuvalov", "zhang-gaoli"], ["russia", "china"], pl="beijing")
E("c02", "May 14, 2014:", "2014-05-14", None, "PhoneCall", [LAVROV, "wang-yi"], ["russia", "china"])
E("c03", "May 19, 2014:", "2014-05-19", None, "CommissionSession", ["wang-yang", "dmitry-rogozin"],
  ["china", "russia", "joint-commission-heads-of-government"], pl="beijing", s="prime-ministerial-meeting")
E("c04", "May 20-21, 2014:", "2014-05-20", "2014-05-21", "Visit", [PUTIN, XI], ["russia", "china", "cica"], pl="shanghai|china",
  also=["President Vladimir Putin traveled to Shanghai on May 20-21", "President Putin's state visit to China in late May"])
E("c04b", "May 20-21, 2014:", "2014-05-20", "2014-05-21", "BilateralMeeting", [PUTIN, XI], ["russia", "china", "cica"],
  pl="shanghai", sub="c04", req=False, note="'They meet in Shanghai prior to the fourth summit of CICA'")
E("c05", "May 20-26, 2014:", "2014-05-20", "2014-05-26", "NavalExercise", ["china", "russia"],
  ["pla-navy|plan|peoples-liberation-army-navy", "russian-navy", "pacific-fleet", XI, PUTIN, "wu-shengli",
   "viktor-chirkov"],
  pl="east-china-sea", s="joint-sea", n="Joint Sea-2014",
  also=["Joint Sea-2014 was launched on the same day of the CICA's fourth summit in Shanghai on May 20 and ended on May 26",
        "the two navies were drilling off the East China Sea coast"],
  note="typo in the entry: 'in the northern part of the East China.' (the word 'Sea' is missing)")
E("c06", "May 22, 2014:", "2014-05-22", None, "UNAction", ["russia", "china"],
  ["un-security-council|unsc|united-nations-security-council", "syria", "international-criminal-court|icc"])
E("c07", "May 23, 2014:", "2014-05-23", None, "BilateralMeeting", [PUTIN, "li-yuanchao"], ["russia", "china"],
  pl="saint-petersburg|st-petersburg",
  also=["Two days after the contract was signed in Shanghai, Putin told Chinese Vice President Li Yuanchao"])
E("c07h", "May 23, 2014:", "2014-05-23", None, "ConferenceOrForum", [PUTIN], ["russia", "li-yuanchao"],
  pl="saint-petersburg|st-petersburg", s="spief|st-petersburg-international-economic-forum", req=False,
  note="host event")
E("c08", "June 4-6, 2014:", "2014-06-04", "2014-06-06", "Visit", ["nikolai-patrushev", "meng-jianzhu"],
  ["yang-jiechi", "yang-jie", "russia", "china", "russian-security-council", "central-political-and-legal-affairs-commission",
   "communist-party-of-china"], pl="beijing", trunc=True,
  note="entry truncated at 'with Yang Jie': the co-chair's name is cut; flag it, do not guess")
E("c08b", "June 4-6, 2014:", "2014-06-04", "2014-06-06", "Consultation", ["nikolai-patrushev"],
  ["yang-jiechi", "yang-jie", "russia", "china"], pl="beijing", s="strategic-security-consultation", k=10, sub="c08",
  req=False, trunc=True)
E("c09", "June 24, 2014:", "2014-06-24", None, "Visit", ["yang-jiechi", "valentina-matviyenko|matviyenko"],
  ["china", "russia", "federation-council"], pl="moscow")
E("c10", "June 25-26, 2014:", "2014-06-25", "2014-06-26", "CommissionSession", ["sco"],
  ["tajikistan", "isaf", "afghanistan", "sco-border-operation-vostok"],
  pl="qayroqqum|kayrakkum", k=3, note="entry split by a page break ('joint\\n\\nmeasures')")
E("c11", "July 9-11, 2014:", "2014-07-09", "2014-07-11", "Visit", ["sergei-ivanov|sergey-ivanov"],
  ["russia", "china", "presidential-administration-of-russia"],
  pl="china", also=["In his July visit to China, Russian Presidential Administration Head Sergei Ivanov"])
E("c12", "July 14-19, 2014:", "2014-07-14", "2014-07-19", "Visit", ["ivan-melnikov"],
  ["state-duma|duma", "communist-party-of-the-russian-federation|cprf", "russia", "china"], pl="china")
E("c13", "July 15, 2014:", "2014-07-15", None, "BilateralMeeting", [PUTIN, XI], ["russia", "china", "brics"],
  pl="fortaleza", sub="n_brics")
E("c14", "July 22-28, 2014:", "2014-07-22", "2014-07-28", "AirExercise", ["china", "russia"], [],
  pl="lipetsk|voronezh", n="Aviation Dart-2014", s="aviadarts|aviation-dart",
  note="an international aviators' competition hosted by Russia")
E("c15", "July 30-31, 2014:", "2014-07-30", "2014-07-31", "CommissionSession", ["sco"], ["china", "russia", "tajikistan"],
  pl="dushanbe", s="sco-foreign-ministers-meeting")
E("c16", "Aug. 21, 2014:", "2014-08-21", None, "Visit", [XI], ["mongolia", "china", "russia"], pl="mongolia|ulaanbaatar")
E("c17", "Aug. 24-29, 2014:", "2014-08-24", "2014-08-29", "GroundExercise", ["sco"],
  ["china", "russia", "kazakhstan", "kyrgyzstan", "tajikistan"], pl="zhurihe|zhurihe-training-base|inner-mongolia",
  s="peace-mission", n="Peace Mission-2014",
  also=["On Aug. 24-29, more than 7,000 troops from five SCO member states"])
E("c18", "Aug. 27-29, 2014:", "2014-08-27", "2014-08-29", "Visit", ["valery-gerasimov", "fang-fenghui", "fan-changlong"],
  ["russia", "china", "central-military-commission", "russian-general-staff", "sco"], pl="beijing")
E("c18b", "Aug. 27-29, 2014:", "2014-08-27", "2014-08-29", "CommissionSession", ["sco"], ["valery-gerasimov"],
  pl="beijing", s="sco-general-staff-chiefs-meeting", sub="c18", req=False,
  note="SCO Meeting of General Staff Chiefs (secondary sentence)")
E("c19", "Aug. 29-Sept. 1, 2014:", "2014-08-29", "2014-09-01", "Visit", ["zhang-gaoli", "arkady-dvorkovich"],
  ["china", "russia", "energy-cooperation-committee"], pl="moscow|russia",
  also=["On Sept. 1, while visiting Russia for the 11th Meeting of China-Russia Energy Cooperation Committee"])
E("c19b", "Aug. 29-Sept. 1, 2014:", "2014-08-29", "2014-09-01", "CommissionSession", ["zhang-gaoli", "arkady-dvorkovich"],
  ["china", "russia", "energy-cooperation-committee"], pl="moscow", k=11, sub="c19", req=False)
E("c19c", "Aug. 29-Sept. 1, 2014:", "2014-09-01", None, "Launch", ["zhang-gaoli"], ["china", "russia"],
  pl="siberia", sub="c19", req=False, note="welding of the first tubes of the eastern gas route; dated Sept. 1 in the narrative")

# --- narrative -----------------------------------------------------------------------------------
E("n_cica", "on the same day of the CICA's fourth summit in Shanghai on May 20", "2014-05-20", None, "Summit", ["cica"],
  [XI, PUTIN, "china", "russia"], pl="shanghai", s="cica-summit", k=4, sec="narrative",
  also=["Confidence Building Measures in Asia (CICA) was being held in Shanghai"],
  note="also named by the May 20-21 chronology entry ('prior to the fourth summit of ... CICA')")
E("n_brics", "The BRICS (Brazil, Russia, India, China, South Africa) nations held their sixth annual summit", "2014-07-15",
  None, "Summit", ["brics"], [PUTIN, XI, "brazil", "russia", "india", "china", "south-africa"], pl="fortaleza",
  s="brics-summit", k=6, sec="narrative")
E("n_ambassadors", "at the seventh conference of Russian ambassadors on July 1", "2014-07-01", None, "ConferenceOrForum",
  [PUTIN], ["russia"], k=7, s="russian-ambassadors-conference", sec="narrative", req=False,
  note="a conference appearance: optional in the narrative (not among the issue's listed kinds); no place given")

E("o_gas", "bargaining to the small hours of May 21", "2014-05-21", None, "AgreementSigning", ["cnpc", "gazprom"],
  ["china", "russia", XI, PUTIN], pl="shanghai", sub="c04", sec="narrative", req=False,
  note="the $400bn gas contract; signing date inferred from 'two days after' the May 23 forum")
E("o_js_open", "In Shanghai while attending CICA, Putin and Xi presided over the opening ceremony", "2014-05-20", None,
  "OtherEvent", [PUTIN, XI], ["russia", "china"], pl="shanghai", sub="c05", sec="narrative", req=False)
E("o_lavrov_apr", "Foreign Minister Lavrov made his one-day \"working visit\" to Beijing on April 15", "2014-04-15", None,
  "Visit", [LAVROV], [XI, "russia", "china"], pl="beijing", sec="narrative", req=False, note="before the period")
E("o_odessa", "killed in the Odessa fire on May 2", "2014-05-02", None, "OtherEvent", [], ["ukraine"], pl="odessa",
  sec="narrative", req=False)
E("o_donetsk", "declared independence on May 11", "2014-05-11", None, "OtherEvent", [], ["ukraine"], sec="narrative",
  req=False)
E("o_mh17", "on July 17 Malaysia Airlines Flight MH17 was downed", "2014-07-17", None, "OtherEvent", [], ["ukraine"],
  sec="narrative", req=False)
E("o_ukr_elec", "Ukraine's presidential election on May 25", "2014-05-25", None, "Election", ["ukraine"], [],
  sec="narrative", req=False)
E("o_ivanov", "Ten days later, Ivanov told reporters in Beijing", "2014-07-11", None, "Statement",
  ["sergei-ivanov|sergey-ivanov"], ["russia"], pl="beijing", sub="c11", sec="narrative", req=False)
E("o_pm_open", "participated in the opening ceremony on Aug. 24", "2014-08-24", None, "OtherEvent", ["sco"],
  ["china", "russia", "kazakhstan", "kyrgyzstan", "tajikistan"], sub="c17", sec="narrative", req=False)
E("o_pm_phase1", "the campaign preparation phase from Aug. 24-28", "2014-08-24", "2014-08-28", "MilitaryExercise", ["sco"],
  ["china", "russia"], sub="c17", sec="narrative", req=False)
E("o_pm_phase2", "campaign execution phase on Aug. 29", "2014-08-29", None, "MilitaryExercise", ["sco"],
  ["china", "russia"], sub="c17", sec="narrative", req=False)
E("o_putin_interview_apr", "In a press interview in late April", "2014-04-01", "2014-04-30", "Statement", [PUTIN],
  ["russia"], prec="month", sec="narrative", req=False)
E("o_sochi", "In Xi's meeting with Putin in February 2014 (Sochi Olympics)", "2014-02-01", "2014-02-28",
  "BilateralMeeting", [XI, PUTIN], ["china", "russia"], pl="sochi", prec="month", sec="narrative", req=False)
E("o_xi_march13", "In March 2013 during his first trip to Russia as China's president", "2013-03-01", "2013-03-31",
  "Visit", [XI], ["russia", "china"], prec="month", sec="narrative", req=False)
E("o_sanctions", "At the end of July, the EU and US announced new sanctions", "2014-07-01", "2014-07-31", "Statement",
  ["european-union|eu", "united-states"], ["russia"], prec="month", sec="narrative", req=False)

# --- table rows (Table 1, every row is an exercise) -------------------------------------------------
T = dict(sec="table")
E("t01", "Coalition-2003\t", "2003-08-06", "2003-08-12", "GroundExercise", ["sco"], ["china", "russia", "kazakhstan"],
  pl="kazakhstan|xinjiang", n="Coalition-2003", s="coalition", **T)
E("t02", "Peace Mission-2005\t", "2005-08-18", "2005-08-25", "MilitaryExercise", ["china", "russia"], [],
  pl="vladivostok|shandong", n="Peace Mission-2005", s="peace-mission", **T)
E("t03", "Peace Mission-2007\t", "2007-08-09", "2007-08-17", "GroundExercise", ["sco"], ["china", "russia"],
  pl="chelyabinsk", n="Peace Mission-2007", s="peace-mission", **T)
E("t04", "Peace Mission-2009\t", "2009-07-22", "2009-07-26", "GroundExercise", ["china", "russia"], [],
  pl="khabarovsk|taonan", n="Peace Mission-2009", s="peace-mission", **T)
E("t05", "Peace Shield-2009\t", "2009-09-08", None, "NavalExercise", ["china", "russia"], [],
  pl="gulf-of-aden", n="Peace Shield-2009", s="peace-shield", **T)
E("t06", "Peace Mission-2010\t", "2010-09-09", "2010-09-25", "GroundExercise", ["sco"], ["china", "russia", "kazakhstan"],
  pl="kazakhstan", n="Peace Mission-2010", s="peace-mission", **T)
E("t07", "Joint Sea-2012\t", "2012-04-22", "2012-04-27", "NavalExercise", ["china", "russia"], [],
  pl="qingdao", n="Joint Sea-2012", s="joint-sea", **T)
E("t08", "Peace Mission-2012\t", "2012-06-08", "2012-06-14", "GroundExercise", ["sco"], ["china", "russia", "tajikistan"],
  pl="tajikistan", n="Peace Mission-2012", s="peace-mission", **T, note="'Tajikstan' as written")
E("t09", "Joint Sea-2013\t", "2013-07-05", "2013-07-12", "NavalExercise", ["china", "russia"], [],
  pl="peter-the-great-gulf", n="Joint Sea-2013", s="joint-sea", **T)
E("t10", "Peace Mission-2013\t", "2013-07-27", "2013-08-15", "GroundExercise", ["china", "russia"], [],
  pl="chebarkul", n="Peace Mission-2013", s="peace-mission", **T)

M = A.M
M("President Vladimir Putin", PUTIN, "Q7747")
M("Xi Jinping", XI, "Q15031")
M("Shanghai", "shanghai", "Q8686")
M("Sergey Lavrov", "sergey-lavrov")
M("Beijing", "beijing", "Q956")
M("Igor Shuvalov", "igor-shuvalov", after="Chronology of China-Russia Relations")
M("Zhang Gaoli", "zhang-gaoli", after="Chronology of China-Russia Relations")
M("Sergei Lavrov", "sergey-lavrov", after="Chronology of China-Russia Relations")
M("Wang Yi", "wang-yi", after="Chronology of China-Russia Relations")
M("Wang Yang", "wang-yang", after="Chronology of China-Russia Relations")
M("Dmitry Rogozin", "dmitry-rogozin", after="Chronology of China-Russia Relations")
M("Li Yuanchao", "li-yuanchao", after="Chronology of China-Russia Relations")
M("Nikolai Patrushev", "nikolai-patrushev", after="Chronology of China-Russia Relations")
M("Shanghai Cooperation Organization (SCO)", "sco", "Q485207", after="Chronology of China-Russia Relations")
M("Putin", PUTIN, "Q7747", after="July 15, 2014:")
M("BRICS", "brics", "Q243630", after="The BRICS (")
M("Brazil", "brazil", "Q155", after="July 15, 2014:")
M("Valery Gerasimov", "valery-gerasimov", after="Chronology of China-Russia Relations")
M("Arkady Dvorkovich", "arkady-dvorkovich", after="Chronology of China-Russia Relations")
M("Mongolia", "mongolia", "Q711", after="Aug. 21, 2014:")
M("Moscow", "moscow", "Q649", after="Chronology of China-Russia Relations")
M("Kazakhstan", "kazakhstan", "Q232", after="Code-Names")
M("Matviyenko", "valentina-matviyenko", after="Chronology of China-Russia Relations")
M("Qayroqqum", "qayroqqum", after="Chronology of China-Russia Relations")
M("Gulf of Aden", "gulf-of-aden", after="Code-Names")
M("Zhurihe", "zhurihe", after="Chronology of China-Russia Relations")
M("Meng Jianzhu", "meng-jianzhu", after="Chronology of China-Russia Relations")
M("Ivan Melnikov", "ivan-melnikov", after="Chronology of China-Russia Relations")
M("Fang Fenghui", "fang-fenghui", after="Chronology of China-Russia Relations")
E("o_putin_2012", "Putin's June 2012's visit to China", "2012-06-01", "2012-06-30", "Visit", [PUTIN],
  ["russia", "china"], pl="china", prec="month", sec="narrative", req=False,
  note="a past visit the narrative dates (before the period): optional, like other history")
DOC = A.document(19, note="The file prints no volume/number: 16/2 is derived from the period May-August 2014 (volume = year - 1998, May-August = No. 2), as kg.documents does.")
