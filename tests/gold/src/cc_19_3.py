"""Gold annotation of cc-19-3-china-russia (seeds/000 + 001, Sept.-Dec. 2017); guideline: docs/evaluation.md."""
from gold_authoring import Article

A = Article("cc-19-3-china-russia", ["000_989d1c2c2fbc9513.txt", "001_bf781be3f2b4207d.txt"],
            "Between the Past and the Future", "19", "3", ["2017-09-01", "2017-12-31"],
            "CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
E = A.E
XI, PUTIN = "xi-jinping", "vladimir-putin"
LAVROV = "sergey-lavrov|sergei-lavrov"
PAP = "peoples-armed-police|chinese-peoples-armed-police|chinese-peoples-armed-police-force|people-s-armed-police"
ROSG = "rosgvardiya|russian-national-guard|national-guard-of-russia"
RATS = "sco-rats|rats|regional-anti-terrorist-structure"

# --- chronology (29 entries) ---------------------------------------------------------------------
E("c01", "Sept. 3-5, 2017: Ninth BRICS", "2017-09-03", "2017-09-05", "Summit", ["brics"],
  ["china", "russia", XI, PUTIN, "india", "brazil", "south-africa"], pl="xiamen", s="brics-summit", k=9,
  also=["The ninth BRICS summit was held Sept. 3 in Xiamen", "met at the September BRICS summit in Xiamen"],
  note="narrative says 'held Sept. 3'; chronology gives Sept. 3-5 (kept)")
E("c01b", "Sept. 3-5, 2017: Ninth BRICS", "2017-09-03", None, "BilateralMeeting", [XI, PUTIN], ["china", "russia"],
  pl="xiamen", sub="c01", also=["on the sidelines of the BRICS summit was their fourth meeting in 2017"],
  note="sidelines meeting, own date 'on Sept. 3'")
E("c02", "Sept. 4-5, 2017:", "2017-09-04", "2017-09-05", "CommissionSession", ["wang-yang", "dmitry-rogozin"],
  ["china", "russia", "joint-commission-heads-of-government"], pl="volgograd",
  also=["Wang was already in Russia's Volgograd for the Joint Commission"])
E("c03", "Sept. 6, 2017:", "2017-09-06", None, "BilateralMeeting", [PUTIN, "wang-yang"], ["china", "russia"],
  pl="vladivostok", sub="n_eef", also=["The Putin-Wang talks covered a wide range of issues"])
E("c04", "Sept. 8, 2017: First meeting", "2017-09-08", None, "CommissionSession", ["wang-yang", "yury-trutnev|yuri-trutnev"],
  ["china", "russia", "commission-far-east-northeast-china"], pl="khabarovsk", k=1, also=["Wang traveled to [Khabarovsk](#) on Sept. 8"])
E("c05", "Sept. 17, 2017:", "2017-09-17", None, "CommissionSession", [RATS], ["sco"], pl="beijing", k=31)
E("c06", "Sept. 18, 2017:", "2017-09-18", None, "BilateralMeeting", ["wang-yi", LAVROV], ["china", "russia", "unga"],
  pl="new-york-city|new-york")
E("c07", "Sept. 18-26, 2017:", "2017-09-18", "2017-09-26", "NavalExercise", ["china", "russia"],
  ["pla-navy|plan|peoples-liberation-army-navy", "russian-navy"], pl="sea-of-japan|sea-of-okhotsk|okhotsk-sea",
  s="joint-sea", n="Joint Sea 2017",
  also=["On Sept. 18-25, China and Russia conducted the [second stage"],
  note="narrative gives Sept. 18-25 and 'Sept. 22-26' for the maritime phase; chronology Sept. 18-26 kept")
E("c08", "Sept. 20, 2017:", "2017-09-20", None, "CommissionSession", ["sco"], ["china", "russia", "unga"],
  s="sco-foreign-ministers-meeting", note="the text does not say where (UNGA sidelines)")
E("c09", "Sept. 29, 2017: Russian Deputy", "2017-09-29", None, "BilateralMeeting",
  ["sergey-ryabkov", "li-hui"], ["china", "russia"], pl="moscow")
E("c10", "Sept. 29, 2017: Russia and China officially", "2017-09-29", None, "OtherEvent", ["russia", "china"],
  ["craic|china-russia-commercial-aircraft-international|china-russia-commercial-aircraft-international-co-ltd",
   "comac", "united-aircraft-corporation|uac"],
  also=["In late September, the China-Russia Commercial Aircraft International"],
  note="naming of the CR929 (narrative spells it CRJ929)")
E("c11", "Oct. 9, 2017:", "2017-10-09", None, "OtherEvent", [],
  ["russian-chinese-friendship-association|russian-china-friendship-association", PUTIN, XI, "russia", "china"],
  pl="moscow", note="anniversary ceremony; the presidents' congratulations are a secondary act")
E("c11b", "Oct. 9, 2017:", "2017-10-09", None, "Statement", [PUTIN, XI], ["russia", "china"], sub="c11", req=False,
  note="'Both Presidents Putin and Xi send congratulations'")
E("c12", "Oct. 10, 2017:", "2017-10-10", None, "Consultation", ["russia", "china", "igor-morgulov", "kong-xuanyou"],
  [], pl="moscow", s="northeast-asia-security-consultation", k=8)
E("c13", "Oct. 11, 2017:", "2017-10-11", None, "CommissionSession", ["sco-afghanistan-contact-group"],
  ["sco", "russia", "moscow", "afghanistan"], pl="moscow", note="'Moscow hosts': the host state is optional")
E("c14", "Oct. 12, 2017:", "2017-10-12", None, "Statement", ["russia", "china", "aleksandr-emelianov", "zhou-shangping"],
  ["un-general-assembly|unga", "unga-first-committee", "un|united-nations",
   "ministry-of-defence-of-russia|russian-defense-ministry", "central-military-commission", "cmc-joint-staff-department"],
  also=["On Oct. 12, [a joint briefing on missile defense]"])
E("c15", "Oct. 26, 2017:", "2017-10-26", None, "PhoneCall", [PUTIN, XI], ["russia", "china", "communist-party-of-china"],
  note="the party is named in Xi's title only")
E("c16", "Oct. 31-Nov. 2, 2017:", "2017-10-31", "2017-11-02", "Visit", ["dmitry-medvedev", "li-keqiang"],
  [XI, "china", "russia"], pl="china", also=["Medvedev's visit to China](#) in October/November"])
E("c16b", "Oct. 31-Nov. 2, 2017:", "2017-10-31", "2017-11-02", "BilateralMeeting", ["dmitry-medvedev", "li-keqiang"],
  ["china", "russia"], pl="china", s="prime-ministerial-meeting", k=22, sub="c16", req=False,
  note="the 22nd regular prime ministers' meeting")
E("c16c", "Oct. 31-Nov. 2, 2017:", "2017-10-31", "2017-11-02", "BilateralMeeting", ["dmitry-medvedev", XI],
  ["china", "russia"], pl="china", sub="c16", req=False, note="'He also meets President Xi'")
E("c17", "Nov. 29, 2017: Presidents Xi", "2017-11-29", None, "BilateralMeeting", [XI, PUTIN], ["china", "russia", "apec"],
  pl="vietnam|da-nang",
  note="the text dates the APEC sidelines meeting Nov. 29 (the real meeting was Nov. 10-11); recorded as written")
E("c17h", "Nov. 29, 2017: Presidents Xi", "2017-11-29", None, "Summit", ["apec"], [XI, PUTIN, "china", "russia"],
  pl="vietnam|da-nang", s="apec-leaders-meeting", req=False, note="host event of the sidelines meeting",
  also=["at the annual APEC forum in Vietnam in late November"])
E("c18", "Nov. 29, 2017: President Putin meets Chinese Premier", "2017-11-29", None, "BilateralMeeting",
  [PUTIN, "li-keqiang"], ["china", "russia"], pl="moscow")
E("c19", "Nov. 30, 2017:", "2017-11-30", None, "Summit", ["sco"], ["china", "russia", "li-keqiang", "dmitry-medvedev"],
  pl="sochi", s="sco-heads-of-government-meeting", k=16)
E("c20", "Dec. 1, 2017:", "2017-12-01", None, "ArmsDelivery", ["russia", "china"], [],
  also=["and five on Nov. 30)"], note="narrative dates this batch Nov. 30; chronology Dec. 1 kept")
E("c21", "Dec. 2-13, 2017:", "2017-12-02", "2017-12-13", "LawEnforcementExercise", [ROSG, PAP], ["russia", "china"],
  pl="yinchuan")
E("c22", "Dec. 6, 2017:", "2017-12-06", None, "LawEnforcementExercise", ["sco"], [RATS, "china", "russia"], pl="xiamen")
E("c23", "Dec. 7, 2017:", "2017-12-07", None, "BilateralMeeting", [PUTIN, "zhang-youxia"],
  ["russia", "china", "yury-ushakov|yuri-ushakov", "sergei-shoigu|sergey-shoigu", "dmitry-shugayev",
   "li-shangfu", "liu-sheng", "central-military-commission", "commission-military-technical-cooperation"],
  pl="moscow", also=["The day (Dec. 7) President Putin met in Moscow with Gen Zhang Youxia"])
E("c24", "Dec. 8, 2017:", "2017-12-08", None, "Launch", [PUTIN],
  ["russia", "china", "novatek", "cnpc", "silk-road-fund", "total"], pl="yamal|yamal-peninsula|siberia",
  also=["On Dec. 8, Putin inaugurated the first load"])
E("c25", "Dec. 11, 2017:", "2017-12-11", None, "BilateralMeeting", [LAVROV, "wang-yi"], ["russia", "china", "ric"],
  pl="new-delhi")
E("c25h", "Dec. 11, 2017:", "2017-12-11", None, "ConferenceOrForum", ["russia", "china", "india"], [LAVROV, "wang-yi"],
  pl="new-delhi", s="ric-foreign-ministers-meeting", k=15, req=False, note="host event: 15th RIC foreign ministers' meeting")
E("c26", "Dec. 11-16, 2017:", "2017-12-11", "2017-12-16", "MissileDefenceSimulation", ["china", "russia"], [],
  pl="beijing", s="aerospace-security", n="Aerospace Security-2017",
  also=["On Dec. 11-15, the two militaries conducted *Aerospace Security 2017*"],
  note="narrative gives Dec. 11-15; chronology Dec. 11-16 kept")
E("c27", "Dec. 13-15, 2017:", "2017-12-13", "2017-12-15", "CommissionSession", [],
  ["joint-russia-china-border-commission", "china", "russia"], pl="beijing", k=21)
E("c28", "Dec. 26, 2017:", "2017-12-26", None, "Statement", [PUTIN], ["russia"])
E("c29", "Dec. 31, 2017:", "2017-12-31", None, "Statement", [PUTIN, XI], ["russia", "china"])

# optional host events of sidelines meetings
E("c06h", "Sept. 18, 2017:", "2017-09-18", None, "ConferenceOrForum", ["un-general-assembly|unga"],
  ["un|united-nations", "china", "russia"], pl="new-york-city|new-york", req=False)

# --- narrative events ------------------------------------------------------------------------------
E("n_eef", "presided over the two-day (Sept. 6-7) Third Eastern Economic Forum", "2017-09-06", "2017-09-07",
  "ConferenceOrForum", [PUTIN], ["russia", "wang-yang", "shinzo-abe|abe-shinzo", "moon-jae-in", "japan",
                                   "south-korea", "china"],
  pl="vladivostok", s="eastern-economic-forum", k=3, sec="narrative", req=False,
  note="a forum: optional in the narrative (not among the issue's listed kinds); host event of c03")
E("n_valdai", "14th annual meeting of the [Valdai](#) International Discussion Club in Sochi on Oct. 19",
  "2017-10-19", None, "ConferenceOrForum", [PUTIN], ["russia", "valdai-discussion-club|valdai-international-discussion-club"],
  pl="sochi", k=14, sec="narrative", also=["In his speech to the 14th [Valdai Forum](#) on Oct 19"], req=False,
  note="a forum appearance: optional in the narrative (not among the issue's listed kinds)")
E("n_songtao", "dispatching Song Tao (宋涛)", "2017-11-17", None, "Visit", ["song-tao"],
  ["china", "north-korea", "international-department-of-the-cpc|cpc-international-liaison-department"],
  pl="north-korea", sec="narrative")
E("n_duma", "On Nov. 26, a group of Russian Duma members visited the DPRK", "2017-11-26", None, "Visit",
  ["state-duma|duma"], ["russia", "north-korea"], pl="north-korea", sec="narrative")
E("n_geneva", "Tillerson-Lavrov meeting in Geneva on Dec. 8", "2017-12-08", None, "BilateralMeeting",
  ["rex-tillerson", LAVROV], ["united-states", "russia"], pl="geneva", sec="narrative")
E("n_kalganov", "led by Deputy Director of the Russian National Defense Command Center Viktor", "2017-12-13",
  "2017-12-17", "Visit", ["viktor-kalganov"], ["russia", "north-korea", "ministry-of-defence-of-russia|russian-defense-ministry",
                                                 "national-defense-management-center"],
  pl="north-korea", sec="narrative", note="'started a five-day visit' on Dec. 13: Dec. 13-17")

# optional narrative happenings (dated, but not required by the guideline)
E("o_dprk_test", "On Sept. 3, the DPRK tested a thermonuclear device", "2017-09-03", None, "OtherEvent",
  ["north-korea"], [], sec="narrative", req=False)
E("o_icbm", "On Nov. 28, it successfully tested an ICBM", "2017-11-28", None, "OtherEvent", ["north-korea"], [],
  sec="narrative", req=False)
E("o_lavrov_un", "In his press conference in the UN on Sept. 23", "2017-09-23", None, "Statement", [LAVROV],
  ["russia"], pl="new-york-city|new-york", sec="narrative", req=False)
E("o_js_land", "land-based maneuvers (Sept. 18-21)", "2017-09-18", "2017-09-21", "NavalExercise", ["china", "russia"],
  [], sub="c07", pl="vladivostok|gornostay", sec="narrative", req=False, note="phase of Joint Sea 2017 (text says 'Joint Sea 2007')")
E("o_js_sea", "maritime drills (Sept. 22-26)", "2017-09-22", "2017-09-26", "NavalExercise", ["china", "russia"], [],
  sub="c07", sec="narrative", req=False)
E("o_js_phase1", "of *Joint Sea-2017* was held in July in the Baltic Sea", "2017-07-01", "2017-07-31", "NavalExercise",
  ["china", "russia"], [], pl="baltic-sea", prec="month", sec="narrative", req=False)
E("o_cpc19", "At the [19th CPC National Congress](#) that ended on Oct. 24", "2017-10-18", "2017-10-24",
  "ConferenceOrForum", ["communist-party-of-china|cpc|chinese-communist-party"], [XI, "china"], pl="beijing",
  k=19, sec="narrative", req=False)
E("o_xi_speech", "In his speech at the 19th CPC Congress on Oct. 18", "2017-10-18", None, "Statement", [XI], ["china"],
  sec="narrative", req=False)
E("o_valdai_speech", "his address to the Valdai Forum on Oct. 19", "2017-10-19", None, "Statement", [PUTIN], ["russia"],
  sub="n_valdai", sec="narrative", req=False)
E("o_cec", "(Dec. 27), the 65-year-old Putin submitted", "2017-12-27", None, "OtherEvent", [PUTIN],
  ["central-election-commission|central-election-committee|cec", "russia"], sec="narrative", req=False)
E("o_navalny", "Two days earlier, the CEC denied opposition leader", "2017-12-25", None, "OtherEvent",
  ["central-election-commission|central-election-committee|cec"], ["alexei-navalny", "russia"], sec="narrative", req=False)
E("o_tillerson", "Tillerson did not respond to Lavrov's message until Dec. 13", "2017-12-13", None, "Statement",
  ["rex-tillerson"], ["united-states", LAVROV], sec="narrative", req=False)
E("o_s400", "By end of year ([Dec. 24](#)), Russia", "2017-12-24", None, "OtherEvent", ["russia"], [],
  pl="vladivostok", sec="narrative", req=False)
E("o_jilin", "Dec. 6, the [Jilin Daily", "2017-12-06", None, "Statement", ["jilin-daily"], ["china"],
  sec="narrative", req=False)
E("o_su35_july", "four on July 3", "2017-07-03", None, "ArmsDelivery", ["russia", "china"], [], sec="narrative",
  req=False, note="outside the article period")
E("o_s400_reveal", "The day (Dec. 7) President Putin met in Moscow with Gen Zhang Youxia, Russia revealed", "2017-12-07",
  None, "Statement", ["russia"], ["china"], sec="narrative", req=False)
E("o_brief1", "the first was in October 2016 in Beijing", "2016-10-01", "2016-10-31", "Statement", ["russia", "china"],
  [], pl="beijing", prec="month", sec="narrative", req=False)
E("o_brief2", "the second in March 2017 in Geneva", "2017-03-01", "2017-03-31", "Statement", ["russia", "china"], [],
  pl="geneva", prec="month", sec="narrative", req=False)
E("o_brief3", "the third in April 2017 on the sidelines", "2017-04-01", "2017-04-30", "Statement", ["russia", "china"],
  [], pl="moscow", prec="month", sec="narrative", req=False)
E("o_mtc21", "session](#) of the commission was held in Beijing on Nov. 23, 2016", "2016-11-23", None,
  "CommissionSession", ["sergei-shoigu|sergey-shoigu"], ["russia", "china"], pl="beijing", k=21, sec="narrative",
  req=False)
E("o_victory", "At the main concert on May 9", "2015-05-09", None, "OtherEvent", [XI, PUTIN], ["china", "russia"],
  pl="moscow", sec="narrative", req=False)
E("o_xi_july", "during Xi’s July visit to Moscow", "2017-07-01", "2017-07-31", "Visit", [XI], [PUTIN, "russia", "china"],
  pl="moscow", prec="month", sec="narrative", req=False)
E("o_dvork", "The first official \"sign of fatigue\" emerged in early September", "2017-09-01", "2017-09-30", "Statement",
  ["arkady-dvorkovich"], ["russia"], prec="month", sec="narrative", req=False)

# --- entity mentions ------------------------------------------------------------------------------
M = A.M
M("President Xi Jinping", XI.split("|")[0], "Q15031")
M("President Vladimir Putin", PUTIN, "Q7747")
M("Xiamen", "xiamen", nth=1)
M("Vladivostok", "vladivostok", "Q959")
M("Wang Yang", "wang-yang")
M("Dmitry Rogozin", "dmitry-rogozin")
M("Moscow", "moscow", "Q649")
M("Sergei Lavrov", "sergey-lavrov", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Wang Yi", "wang-yi", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Vice Premier Wang", "wang-yang", after="Sept. 6, 2017:")
M("Shanghai Cooperation Organization", "sco", "Q485207", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("BRICS", "brics", "Q243630", after="Both China and Russia intended to make the ")
M("Dmitry Medvedev", "dmitry-medvedev", "Q23530", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Li Keqiang", "li-keqiang", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Beijing", "beijing", "Q956", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Sochi", "sochi", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Wang", "wang-yi", after="Foreign Ministers Lavrov and ")
M("Yuri Trutnev", "yury-trutnev")
M("Yury Trutnev", "yury-trutnev", file="001_bf781be3f2b4207d.txt")
M("Sergey Lavrov", "sergey-lavrov")
M("Vladimir Putin", PUTIN, "Q7747", file="001_bf781be3f2b4207d.txt")
M("Xi Jinping", XI, "Q15031", file="001_bf781be3f2b4207d.txt", after="CHRONOLOGY OF CHINA-RUSSIA")
M("North Korea", "north-korea", "Q423")
M("India", "india", "Q668")
M("Wang \nYang", "wang-yang", file="001_bf781be3f2b4207d.txt", after="Sept. 4-5, 2017:")
M("Dmitry \nRogozin", "dmitry-rogozin", file="001_bf781be3f2b4207d.txt", after="Sept. 4-5, 2017:")
M("Vice Premier Wang", "wang-yang", file="001_bf781be3f2b4207d.txt", after="Sept. 6, 2017:")
M("Rosgvardiya", "rosgvardiya", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("People's Armed Police", "peoples-armed-police", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Okhotsk Sea", "sea-of-okhotsk", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("RATS", "sco-rats", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Zhang Youxia", "zhang-youxia", after="Dec. 7, 2017:")
M("Sergey Ryabkov", "sergey-ryabkov", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Li Hui", "li-hui", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Kong Xuanyou", "kong-xuanyou", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
M("Igor Morgulov", "igor-morgulov", after="CHRONOLOGY OF CHINA-RUSSIA RELATIONS")
E("o_goa_2016", "when India hosted the summit in Goa", "2016-01-01", "2016-12-31", "Summit", ["india"],
  ["brics", "narendra-modi", "china", "russia"], pl="goa", s="brics-summit", prec="year", sec="narrative", req=False,
  note="'A year before' the 2017 Xiamen summit: the 2016 BRICS summit, year precision; history, so optional")
DOC = A.document(29)
