/* The message table (reports/rpt_msg.h): every text the workbook writes, keyed by its English, with its Norwegian
 * bokmål. Grouped by the file that writes it. A format keeps its conversions (tests/unit/test_msg.c checks them);
 * numbers in a sentence get their decimal comma from rpt_trf, not from here. Vocabulary: IPS (individuell
 * jobbstøtte), ordinær behandling, andel i arbeid, prosentpoeng, konfidensintervall (KI), nytte-kostnadsanalyse,
 * kostnadseffektivitet, forskjell-i-forskjeller, trofasthet (fidelity). */
#include "reports/rpt_internal.h"
#include "reports/rpt_msg.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers" /* an entry without flags has none */

#define SHEET RPT_MSG_SHEET
#define SAME RPT_MSG_SAME

const rpt_msg rpt_msgs[] = {
    /* ---- sheet names (rpt_workbook.c and the fixed sheets): at most 31 characters, none of []:*?/\ ---- */
    {"Summary", "Sammendrag", SHEET},
    {"Baseline", "Utgangsverdier", SHEET},
    {"Attrition", "Frafall", SHEET},
    {"Outcomes", "Utfall", SHEET},
    {"Trial outcomes", "Utfall i studien", SHEET},
    {"Subgroups", "Undergrupper", SHEET},
    {"Power", "Styrke", SHEET},
    {"Longitudinal", "Over tid", SHEET},
    {"Missing data", "Manglende data", SHEET},
    {"Time to job", "Tid til jobb", SHEET},
    {"Fidelity", "Trofasthet", SHEET},
    {"CBA", "Nytte-kostnad", SHEET},
    {"Sensitivity", "Følsomhet", SHEET},
    {"CEA", "Kostnadseffektivitet", SHEET},
    {"Meta-analysis", "Metaanalyse", SHEET},
    {"Trial vs real world", "Studie mot praksis", SHEET},
    {"Registry", "Register", SHEET},
    {"Cohort", "Kohort", SHEET},
    {"Equity", "Likeverd", SHEET},
    {"Workforce", "Bemanning", SHEET},
    {"Results", "Resultater", SHEET},
    {"Methods", "Metoder", SHEET},
    {"Provenance", "Opphav", SHEET},

    /* ---- what each sheet holds (rpt_workbook.c, rpt_sheet_summary.c) ---- */
    {"baseline characteristics by arm (CONSORT table 1), with standardised differences when configured.",
     "kjennetegn ved start etter gruppe (CONSORT tabell 1), med standardiserte forskjeller når det er valgt."},
    {"randomised, analysed and missing by arm and timepoint (CONSORT flow), and whether missingness differs by arm.",
     "randomiserte, analyserte og manglende etter gruppe og tidspunkt (CONSORT-flyt), og om frafallet er ulikt mellom "
     "gruppene."},
    {"every outcome at every timepoint by arm: binary (risk difference, ratios, adjusted logistic, g-computation, "
     "NNT) and continuous (Welch, ANCOVA with robust errors, Hedges' g, Wilcoxon), with multiplicity-adjusted p.",
     "hvert utfall ved hvert tidspunkt etter gruppe: ja/nei-utfall (risikoforskjell, forholdstall, justert logistisk "
     "regresjon, g-beregning, NNT) og kontinuerlige utfall (Welch, ANCOVA med robuste standardfeil, Hedges' g, "
     "Wilcoxon), med p-verdier justert for multiple tester."},
    {"does the effect differ between groups: interaction tests, the effect in each group with a forest plot, and "
     "access and outcome by group (equity).",
     "er virkningen ulik mellom grupper: samspillstester, virkningen i hver gruppe med skogplott, og tilgang og utfall "
     "etter gruppe (likeverd)."},
    {"power by simulation for planning the next trial: power by sample size and true effect, with the curves.",
     "styrke ved simulering for å planlegge neste studie: styrke etter utvalgsstørrelse og sann virkning, med kurvene."},
    {"each repeated outcome's effect by timepoint from one model across all timepoints (GEE, mixed models), side by "
     "side with the per-timepoint analysis.",
     "virkningen på hvert gjentatt utfall etter tidspunkt fra én modell over alle tidspunkter (GEE, blandede modeller), "
     "side om side med analysen per tidspunkt."},
    {"time to the event by arm: Kaplan-Meier curves with numbers at risk, medians, log-rank test, hazard ratios.",
     "tid til hendelsen etter gruppe: Kaplan–Meier-kurver med antall under risiko, medianer, log-rank-test, "
     "hasardratioer."},
    {"the fidelity reviews: totals and bands by round with a trend chart, the site-by-item heat map, each site's "
     "next steps, agreement between raters, and fidelity against the trial's employment effect by site.",
     "trofasthetsmålingene (fidelity): totalskår og nivå etter runde med trenddiagram, varmekart over enhet og punkt, "
     "neste steg for hver enhet, enighet mellom vurderere, og trofasthet mot studiens virkning på arbeid etter enhet."},
    {"the cost-benefit model as named input cells with live formulas: break-even wages, NPV and ROI by perspective, "
     "cost per job, ICER and INMB.",
     "nytte-kostnadsmodellen med navngitte inndataceller og levende formler: balanselønn, netto nåverdi og avkastning "
     "etter perspektiv, kostnad per jobb, ICER og INMB."},
    {"probabilistic and one-way sensitivity of the cost-benefit results: scenarios, tornado, CE plane, "
     "acceptability curve, EVPI.",
     "probabilistisk og enveis følsomhetsanalyse av nytte-kostnadsresultatene: scenarioer, tornadodiagram, "
     "kostnadseffektivitetsplan, akseptabilitetskurve, EVPI."},
    {"cost-effectiveness from the trial's participants: costs and QALYs per option, the incremental analysis with "
     "dominance and extended dominance, the CE plane with the willingness-to-pay line, acceptability curves over all "
     "options with the acceptability frontier, EVPI.",
     "kostnadseffektivitet fra studiens deltakere: kostnader og QALY per alternativ, inkrementell analyse med dominans "
     "og utvidet dominans, kostnadseffektivitetsplanet med betalingsvilje-linjen, akseptabilitetskurver over alle "
     "alternativer med akseptabilitetsfronten, EVPI."},
    {"published trials pooled: forest plot, pooled effect by method, heterogeneity, prediction interval, "
     "leave-one-out, cumulative by year, meta-regression.",
     "publiserte studier slått sammen: skogplott, samlet virkning etter metode, heterogenitet, prediksjonsintervall, "
     "utelat-én, kumulativt etter år, metaregresjon."},
    {"the trial's effect, the registry effect per member and per IPS user and the published trials' on one scale, "
     "the efficacy-effectiveness ratio and work-years, live on editable assumptions.",
     "studiens virkning, registervirkningen per medlem og per IPS-bruker og de publiserte studienes på én skala, "
     "forholdet mellom virkning i studie og i praksis, og arbeidsår, levende på antakelser som kan endres."},
    {"the registry difference-in-differences: the effect with every inference side by side and a verdict on which "
     "to trust, the placebo distribution, synthetic control and the event-study plot.",
     "forskjell-i-forskjeller i registeret: virkningen med hver metode for usikkerhet side om side og en vurdering av "
     "hvilken som er til å stole på, placebofordelingen, syntetisk kontroll og hendelsesstudieplottet."},
    {"a single service in ordinary practice: who got a job, time to a first job, in-work support, by group.",
     "én tjeneste i ordinær drift: hvem som fikk jobb, tid til første jobb, oppfølging i jobb, etter gruppe."},
    {"who uses the service against a reference population (representation ratios), and outcomes by group.",
     "hvem som bruker tjenesten mot en referansebefolkning (representasjonsforhold), og utfall etter gruppe."},
    {"the employment specialists' turnover per 100 person-years by site and year, against a benchmark, and time in "
     "post.",
     "jobbspesialistenes turnover per 100 personår etter enhet og år, mot en referanseverdi, og tid i stillingen."},
    {"every number of the run, one row each, ready to filter and sort.",
     "hvert tall i kjøringen, ett per rad, klart til filtrering og sortering."},
    {"each method used, what it does, and a reference.", "hver metode som er brukt, hva den gjør, og en referanse."},
    {"software, settings, input files with checksums, and the configuration.",
     "programvare, innstillinger, inndatafiler med sjekksummer, og konfigurasjonen."},

    /* ---- the cell helpers and every sheet (rpt_cells.c, rpt_workbook.c) ---- */
    {"IPS evaluation", "IPS-evaluering", 0},
    {"Synthetic data", "Syntetiske data", 0},
    {"&Lipseval %s, %.10s&CPage &P of &N&R%s", "&Lipseval %s, %.10s&CSide &P av &N&R%s", 0},
    {"n/a", "i.t.", 0},
    {"&Lipseval %s, %.10s&CPage &P of &N: this sheet's first tables; the rest is on the sheet&R%s",
     "&Lipseval %s, %.10s&CSide &P av &N: arkets første tabeller; resten står på arket&R%s", 0},

    /* ---- Methods (rpt_sheet_methods.c) ---- */
    {"Every method used in this run: what it does, a reference, and the distribution and degrees of freedom of its "
     "p-values. Intervals are %s confidence intervals; p-values are two-sided. Computed by %s. \"Results rows\" "
     "names the module, analysis and method columns of the Results sheet it gives.",
     "Hver metode som er brukt i denne kjøringen: hva den gjør, en referanse, og fordelingen og frihetsgradene til "
     "p-verdiene. Intervallene er %s konfidensintervaller; p-verdiene er tosidige. Beregnet med %s. "
     "\"Resultatrader\" viser kolonnene modul, analyse og metode i resultatarket for radene metoden gir.",
     0},
    {"Method", "Metode", 0},
    {"What it is", "Hva den er", 0},
    {"Reference", "Referanse", 0},
    {"p-values: distribution and degrees of freedom", "p-verdier: fordeling og frihetsgrader", 0},
    {"Results rows (module: analysis / method)", "Resultatrader (modul: analyse / metode)", 0},

    /* ---- Subgroups (rpt_sheet_subgroups.c) ---- */
    {"No interaction test: why", "Ingen samspillstest: hvorfor", 0},

    /* ---- Provenance (rpt_sheet_provenance.c) ---- */
    {"The configuration file as read follows on screen (not printed).",
     "Konfigurasjonsfilen slik den ble lest, følger på skjermen (skrives ikke ut).", 0},

    /* ---- words inside sentences ---- */
    {"intervention", "intervensjon", 0},
    {"control", "kontroll", 0},
    {"months", "måneder", 0},
    {"weeks", "uker", 0},
    {"days", "dager", 0},
    {"years", "år", 0},
    {"not computed", "ikke beregnet", 0},
    {"the outcome", "utfallet", 0},
    {"percentage points", "prosentpoeng", 0},
    {"per person-period", "per person-periode", 0},
    {"delta-method", "deltametoden", 0},
    {"societal", "samfunnets", 0},
    {"government", "statens", 0},
    {"participant", "deltakerens", 0},
    {"constant", "konstant", 0},

    /* ---- Summary (rpt_sheet_summary.c) ---- */
    {"%s%s%s (%s %s to %s)", "%s%s%s (%s %s til %s)", 0},
    {"%s CI", "%s KI", 0},
    {"at %s %s", "etter %s %s", 0},
    {"at %s", "ved %s", 0},
    {"Primary outcome, %s %s: %s%% of the %s group and %s%% of the %s group; difference %s%s%s.",
     "Primært utfall, %s %s: %s %% i %s-gruppen og %s %% i %s-gruppen; forskjell %s%s%s.", 0},
    {"Primary outcome, %s %s: difference in means, %s minus %s, %s; %s.",
     "Primært utfall, %s %s: forskjell i gjennomsnitt, %s minus %s, %s; %s.", 0},
    {"%s: proportional hazards is rejected (Schoenfeld-residual test, %s), so no single hazard ratio describes the "
     "follow-up. Restricted mean time without the event up to %s, %s minus %s: %s; %s.",
     "%s: proporsjonale hasarder forkastes (test med Schoenfeld-residualer, %s), så ingen enkelt hasardratio beskriver "
     "oppfølgingen. Begrenset gjennomsnittlig tid uten hendelsen fram til %s, %s minus %s: %s; %s.",
     0},
    {"%s: hazard ratio, %s vs %s (Cox, Efron ties), %s; %s. Proportional hazards is not rejected "
     "(Schoenfeld-residual test, %s).",
     "%s: hasardratio, %s mot %s (Cox, Efron for like tider), %s; %s. Proporsjonale hasarder forkastes ikke "
     "(test med Schoenfeld-residualer, %s).",
     0},
    {"within the trial's follow-up", "innenfor studiens oppfølgingstid", 0},
    {"within %s year", "innen %s år", 0},
    {"within %s years", "innen %s år", 0},
    {"Break-even wage: the extra jobs pay for the programme %s if they pay %s a year (95%% interval from the "
     "probabilistic analysis %s to %s; effect persistence: %s).",
     "Balanselønn: de ekstra jobbene betaler for tiltaket %s hvis de gir %s i året (95 %% intervall fra den "
     "probabilistiske analysen %s til %s; varighet av virkningen: %s).",
     0},
    {"Break-even wage: the extra jobs pay for the programme %s if they pay %s a year (effect persistence: %s).",
     "Balanselønn: de ekstra jobbene betaler for tiltaket %s hvis de gir %s i året (varighet av virkningen: %s).", 0},
    {"; probability that it is positive: %.0f%%", "; sannsynligheten for at den er positiv: %.0f %%", 0},
    {"Net present value per participant, %s perspective: %s (95%% interval %s to %s)%s.",
     "Netto nåverdi per deltaker, %s perspektiv: %s (95 %% intervall %s til %s)%s.", 0},
    {"Net present value per participant, %s perspective: %s%s.", "Netto nåverdi per deltaker, %s perspektiv: %s%s.",
     0},
    {"Conley-Taber interval covering %.1f%%:", "Conley–Taber-intervall som dekker %.1f %%:", 0},
    {"Conley-Taber interval", "Conley–Taber-intervall", 0},
    {"Registry effect on %s (difference in differences): %s%s%s.",
     "Virkning i registeret på %s (forskjell-i-forskjeller): %s%s%s.", 0},
    {"; placebo-cluster ", "; placebo-klynger ", 0},
    {"Registry effect on %s (difference in differences, %s): %s, %s.",
     "Virkning i registeret på %s (forskjell-i-forskjeller, %s): %s, %s.", 0},
    {"the real-world effect per IPS user / the trial's effect",
     "virkningen i praksis per IPS-bruker / virkningen i studien", 0},
    {"the real-world effect per member / the trial's effect, needing no take-up",
     "virkningen i praksis per medlem / virkningen i studien, uten krav om oppslutning", 0},
    {"%s %.1f%% interval", "%s %.1f %% intervall", 0},
    {"%s %s interval", "%s %s intervall", 0},
    {"Efficacy-effectiveness ratio (%s): %s; 1 means the real world matches.",
     "Forholdet mellom virkning i praksis og i studien (%s): %s; 1 betyr at praksis når studiens virkning.", 0},
    {"Published trials pooled, %s (%s): %s %s.", "Publiserte studier slått sammen, %s (%s): %s %s.", 0},
    {" of %d", " av %d", 0},
    {"Fidelity, %s (latest review, %s): total %s%s%s%s.",
     "Trofasthet, %s (siste måling, %s): totalskår %s%s%s%s.", 0},
    {"Key figures", "Nøkkeltall", 0},
    {"Key figure", "Nøkkeltall", 0},
    {"Estimate", "Estimat", 0},
    {"Lower", "Nedre", 0},
    {"Upper", "Øvre", 0},
    {"p / probability", "p / sannsynlighet", 0},
    {"Source (Results sheet)", "Kilde (arket Resultater)", 0},
    {"Shown on", "Vises på", 0},
    {"Each number is looked up on the Results sheet by its row in the results file (column " RPT_RESULTS_KEY
     "), so sorting or filtering that sheet changes none of them; the links go to that row and to the "
     "sheet that shows it in context.",
     "Hvert tall hentes fra arket Resultater etter sin rad i resultatfilen (kolonnen " RPT_RESULTS_KEY
     "), så sortering eller filtrering av det arket endrer ingen av dem; lenkene går til den raden og til arket som "
     "viser tallet i sammenheng.",
     0},
    {"Synthetic data: these results come from simulated example data, not from real people.",
     "Syntetiske data: disse resultatene kommer fra simulerte eksempeldata, ikke fra virkelige personer.", 0},
    {"ipseval %s, run %s (UTC)", "ipseval %s, kjørt %s (UTC)", 0},
    {"This run has no trial results for binary outcomes; the sheets below hold its results.",
     "Denne kjøringen har ingen studieresultater for ja/nei-utfall; arkene nedenfor har resultatene.", 0},
    {"In this workbook", "I denne arbeidsboken", 0},
    {"Counts below %d are shown as \"<%d\" and the percentages they would reveal as \"" RPT_EM_DASH
     "\" (disclosure control).",
     "Antall under %d vises som \"<%d\" og prosentene de ville avsløre som \"" RPT_EM_DASH "\" (personvern).", 0},

    /* ---- Results (rpt_sheet_results.c): the column names and rows are the results file's, in English ---- */
    {"This sheet is not printed with the workbook: its %zu rows are for filtering and sorting. To print a part, "
     "filter it, select the rows and set them as the print range.",
     "Dette arket skrives ikke ut med arbeidsboken: de %zu radene er til filtrering og sortering. Kolonnenavnene og "
     "radene er resultatfilens (results.csv), med engelske nøkkelord. For å skrive ut en del: filtrer, merk radene "
     "og angi dem som utskriftsområde.",
     0},

    /* ---- missing outcomes (rpt_sheet_missing.c, the Summary and Outcomes sentences of [missing]) ---- */
    {"missing outcomes of the primary outcome: which analysis is primary and under which assumption, complete case "
     "beside multiple imputation with the fraction of missing information, the tipping-point heat map, "
     "delta-adjusted analyses.",
     "manglende utfall for primærutfallet: hvilken analyse som er primær og under hvilken antakelse, fullstendige "
     "tilfeller ved siden av multippel imputasjon med andelen manglende informasjon, varmekart over vippepunktet, "
     "delta-justerte analyser."},
    {" These are complete cases (valid if the outcome is missing completely at random), beside the primary analysis "
     "below.",
     " Dette er fullstendige tilfeller (gyldig hvis utfallet mangler helt tilfeldig), ved siden av primæranalysen "
     "nedenfor."},
    {" Complete cases: valid if the outcome is missing completely at random.",
     " Fullstendige tilfeller: gyldig hvis utfallet mangler helt tilfeldig."},
    {"Primary analysis, multiple imputation (%s imputations, chained equations within arm; valid if the outcome is "
     "missing at random given arm and the imputation model): difference %s, %s; fraction of missing information %s.",
     "Primæranalyse, multippel imputasjon (%s imputasjoner, kjedede likninger innen gruppe; gyldig hvis utfallet "
     "mangler tilfeldig gitt gruppe og imputasjonsmodellen): forskjell %s, %s; andel manglende informasjon %s."},
    {"Every figure here is a complete-case analysis: the participants observed at that timepoint (valid if the "
     "outcome is missing completely at random). The primary analysis of %s is multiple imputation (valid if missing "
     "at random): see the Missing data sheet.",
     "Alle tall her er analyser av fullstendige tilfeller: deltakerne observert på tidspunktet (gyldig hvis utfallet "
     "mangler helt tilfeldig). Primæranalysen av %s er multippel imputasjon (gyldig hvis det mangler tilfeldig): se "
     "arket Manglende data."},
    {"Every figure here is a complete-case analysis: the participants observed at that timepoint (valid if the "
     "outcome is missing completely at random).%s",
     "Alle tall her er analyser av fullstendige tilfeller: deltakerne observert på tidspunktet (gyldig hvis utfallet "
     "mangler helt tilfeldig).%s"},
    {"Missing outcomes: %s", "Manglende utfall: %s"},
    {"Complete case and multiple imputation, side by side", "Fullstendige tilfeller og multippel imputasjon, side om side"},
    {"Analysis", "Analyse"},
    {"Term", "Ledd"},
    {"Complete case (CI)", "Fullstendige tilfeller (KI)"},
    {"p, complete case", "p, fullstendige tilfeller"},
    {"Multiple imputation (CI)", "Multippel imputasjon (KI)"},
    {"p, imputation", "p, imputasjon"},
    {"df (Barnard-Rubin)", "fg (Barnard–Rubin)"},
    {"Fraction of missing information", "Andel manglende informasjon"},
    {"Relative increase in variance", "Relativ økning i varians"},
    {"Estimates on the scale of the Results sheet (proportions, log-odds for logistic coefficients, ratios as "
     "ratios). Complete case: the participants observed at that timepoint (valid if the outcome is missing "
     "completely at random). Multiple imputation: Rubin's rules, t on the Barnard-Rubin degrees of freedom (valid if "
     "missing at random given the imputation model).",
     "Estimater på skalaen i arket Resultater (andeler, log-odds for logistiske koeffisienter, forhold som forhold). "
     "Fullstendige tilfeller: deltakerne observert på tidspunktet (gyldig hvis utfallet mangler helt tilfeldig). "
     "Multippel imputasjon: Rubins regler, t med Barnard–Rubins frihetsgrader (gyldig hvis det mangler tilfeldig gitt "
     "imputasjonsmodellen)."},
    {"Tipping point at timepoint %s: the missing counted as having the outcome at assumed rates",
     "Vippepunkt ved tidspunkt %s: de manglende regnet med utfallet i antatte andeler"},
    {"Tipping point: the missing counted as having the outcome at assumed rates%s",
     "Vippepunkt: de manglende regnet med utfallet i antatte andeler%s"},
    {"p of the completed table (Pearson chi-square). Green: the complete-case conclusion holds; red: it changes "
     "(significance or the sign of the difference). Rows: share of the missing in %s with the outcome; columns: share "
     "of the missing in %s.",
     "p i den utfylte tabellen (Pearsons kjikvadrat). Grønn: konklusjonen fra fullstendige tilfeller står seg; rød: "
     "den endres (signifikans eller fortegnet til forskjellen). Rader: andel av de manglende i %s med utfallet; "
     "kolonner: andel av de manglende i %s."},
    {"Delta-adjusted imputation: the intervention arm's imputed values shifted by delta",
     "Delta-justert imputasjon: intervensjonsgruppens imputerte verdier forskjøvet med delta"},
    {"Delta", "Delta", SAME},
    {"Estimate (CI)", "Estimat (KI)"},
    {"What it says", "Hva den sier"},
    {"Risk difference (Wald)", "Risikoforskjell (Wald)"},
    {"Risk ratio (log-Wald)", "Risikoratio (log-Wald)"},
    {"Odds ratio (Woolf)", "Oddsratio (Woolf)"},
    {"Odds ratio (conditional MLE)", "Oddsratio (betinget SME)"},
    {"Log-odds ratio, logistic unadjusted", "Log-oddsratio, logistisk ujustert"},
    {"Log-odds ratio, logistic adjusted", "Log-oddsratio, logistisk justert"},
    {"Odds ratio, logistic unadjusted", "Oddsratio, logistisk ujustert"},
    {"Odds ratio, logistic adjusted", "Oddsratio, logistisk justert"},
    {"Risk difference adjusted (g-computation)", "Justert risikoforskjell (g-beregning)"},
    {"Mean difference (Welch)", "Forskjell i gjennomsnitt (Welch)"},
    {"Mean difference (Student)", "Forskjell i gjennomsnitt (Student)"},
    {"ANCOVA (classical SE)", "ANCOVA (klassisk SE)"},
    {"ANCOVA (HC2)", "ANCOVA (HC2)", SAME},
    {"ANCOVA (HC3)", "ANCOVA (HC3)", SAME},
    {"Hedges' g", "Hedges' g", SAME},
    {"GEE log-odds ratio, exchangeable", "GEE log-oddsratio, utskiftbar"},
    {"GEE log-odds ratio, independence", "GEE log-oddsratio, uavhengighet"},
    {"GEE log-odds ratio, AR(1)", "GEE log-oddsratio, AR(1)"},
    {"GEE odds ratio, exchangeable", "GEE oddsratio, utskiftbar"},
    {"GEE odds ratio, independence", "GEE oddsratio, uavhengighet"},
    {"GEE odds ratio, AR(1)", "GEE oddsratio, AR(1)"},
    {"GLMM log-odds ratio, Laplace", "GLMM log-oddsratio, Laplace"},
    {"GLMM log-odds ratio, adaptive G-H", "GLMM log-oddsratio, adaptiv G-H"},
    {"GLMM odds ratio, Laplace", "GLMM oddsratio, Laplace"},
    {"GLMM odds ratio, adaptive G-H", "GLMM oddsratio, adaptiv G-H"},
    {"GEE difference, exchangeable", "GEE-forskjell, utskiftbar"},
    {"GEE difference, independence", "GEE-forskjell, uavhengighet"},
    {"GEE difference, AR(1)", "GEE-forskjell, AR(1)"},
    {"LMM difference, REML", "LMM-forskjell, REML"},
    {"LMM difference, ML", "LMM-forskjell, ML"},
};

const size_t rpt_n_msgs = sizeof rpt_msgs / sizeof rpt_msgs[0];
