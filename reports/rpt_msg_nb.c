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
    {"Chart data", "Diagramdata", SHEET},

    /* ---- charts (rpt_chartdata.c and the sheets' charts): rows, reference lines, bands ---- */
    {"Pooled estimate", "Samlet estimat"},
    {"No effect", "Ingen effekt"},
    {"%s (%g or more)", "%s (%g eller mer)"},
    {" (dashed lines: where each band starts)", " (stiplede linjer: der hvert nivå begynner)"},
    {"willingness to pay %s %s per QALY", "betalingsvilje %s %s per QALY"},
    {"willingness to pay %s %s per job-year", "betalingsvilje %s %s per arbeidsår"},
    {"Data: events/participants, intervention vs control, as the study file gives them. Each study's interval is its "
     "own (normal approximation on the %s scale). Weights are those of the main method (%s). Studies left out of the "
     "pool are listed with the reason. In the forest plot (above) a square's size follows the study's weight, the "
     "diamond spans the pooled estimate's interval and the dashed red line on the last row is the prediction "
     "interval.%s",
     "Data: hendelser/deltakere, tiltak mot kontroll, slik studiefilen oppgir dem. Hver studies intervall er dens eget "
     "(normaltilnærming på %s-skala). Vektene er hovedmetodens (%s). Studier som er holdt utenfor sammenslåingen, er "
     "listet med grunnen. I skogplottet (over) følger kvadratets størrelse studiens vekt, ruten spenner over det "
     "samlede estimatets intervall, og den stiplede røde linjen på siste rad er prediksjonsintervallet.%s"},

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
    {"Results file SHA-256", "Resultatfilens SHA-256", 0},
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
    {"%s, lower", "%s, nedre", 0},
    {"%s at baseline", "%s ved oppstart", 0},
    {"per person-year", "per personår", 0},
    {"per person-month", "per personmåned", 0},
    {"per person-quarter", "per personkvartal", 0},
    {"per person-week", "per personuke", 0},
    {"per person and period of the registry panel", "per person og periode i registerpanelet", 0},
    {"%s, n (%%)", "%s, antall (%%)", 0},
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
    {"Complete case (CI)", "Fullstendige tilfeller (KI)"},
    {"p, complete case", "p, fullstendige tilfeller"},
    {"Multiple imputation (CI)", "Multippel imputasjon (KI)"},
    {"p, imputation", "p, imputasjon"},
    {"df (Barnard-Rubin)", "fg (Barnard–Rubin)"},
    {"Fraction of missing information", "Andel manglende informasjon"},
    {"Relative increase in variance", "Relativ økning i varians"},
    {"Risk differences in percentage points; the other estimates on the scale of the Results sheet (log-odds for "
     "logistic coefficients, ratios as ratios). Complete case: the participants observed at that timepoint (valid if "
     "the outcome is missing completely at random). Multiple imputation: Rubin's rules, t on the Barnard-Rubin degrees "
     "of freedom (valid if missing at random given the imputation model).",
     "Risikoforskjeller i prosentpoeng; de andre estimatene på skalaen i arket Resultater (log-odds for logistiske "
     "koeffisienter, forhold som forhold). Fullstendige tilfeller: deltakerne observert på tidspunktet (gyldig hvis "
     "utfallet mangler helt tilfeldig). Multippel imputasjon: Rubins regler, t med Barnard–Rubins frihetsgrader "
     "(gyldig hvis det mangler tilfeldig gitt imputasjonsmodellen)."},
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
    {"Risk difference, percentage points (Wald)", "Risikoforskjell, prosentpoeng (Wald)"},
    {"Risk ratio (log-Wald)", "Risikoratio (log-Wald)"},
    {"Odds ratio (Woolf)", "Oddsratio (Woolf)"},
    {"Odds ratio (conditional MLE)", "Oddsratio (betinget SME)"},
    {"Log-odds ratio, logistic unadjusted", "Log-oddsratio, logistisk ujustert"},
    {"Log-odds ratio, logistic adjusted", "Log-oddsratio, logistisk justert"},
    {"Odds ratio, logistic unadjusted", "Oddsratio, logistisk ujustert"},
    {"Odds ratio, logistic adjusted", "Oddsratio, logistisk justert"},
    {"Risk difference adjusted (g-computation)", "Justert risikoforskjell (g-beregning)"},
    {"Risk difference adjusted, percentage points (g-computation)", "Justert risikoforskjell, prosentpoeng (g-beregning)"},
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
    /* ---- Outcomes (rpt_sheet_outcomes.c): column templates, %T the intervention, %C the control, %I "95% CI",
     * %M the multiplicity method ---- */
    {"%T mean (SD)", "%T gjennomsnitt (SD)"},
    {"%C mean (SD)", "%C gjennomsnitt (SD)"},
    {"%T mean", "%T gjennomsnitt"},
    {"%T SD", "%T SD", SAME},
    {"%C mean", "%C gjennomsnitt"},
    {"%C SD", "%C SD", SAME},
    {"Risk difference, percentage points (%I, Newcombe)", "Risikoforskjell, prosentpoeng (%I, Newcombe)"},
    {"Risk ratio (%I)", "Risikoratio (%I)"},
    {"Odds ratio (%I, Woolf)", "Oddsratio (%I, Woolf)"},
    {"Odds ratio, Fisher CMLE (exact %I)", "Oddsratio, Fisher CMLE (eksakt %I)"},
    {"p, chi-square", "p, kjikvadrat"},
    {"p, Fisher exact", "p, Fishers eksakte"},
    {"Odds ratio, logistic adjusted (%I)", "Oddsratio, logistisk justert (%I)"},
    {"p, logistic adjusted", "p, logistisk justert"},
    {"Risk difference adjusted, g-computation, pp (%I)", "Risikoforskjell justert, g-beregning, prosentpoeng (%I)"},
    {"NNT, adjusted (%I)", "NNT, justert (%I)"},
    {"p adjusted (%M)", "p justert (%M)"},
    {"Difference, Welch (%I)", "Forskjell, Welch (%I)"},
    {"Difference, Student (%I)", "Forskjell, Student (%I)"},
    {"ANCOVA difference (%I, classical)", "ANCOVA-forskjell (%I, klassisk)"},
    {"p, ANCOVA classical", "p, ANCOVA klassisk"},
    {"ANCOVA residual df", "ANCOVA residual-fg"},
    {"p, Wilcoxon rank-sum", "p, Wilcoxons rangsum"},
    {"Intervention", "Intervensjon"},

    /* ---- CBA (rpt_sheet_cba.c): headings of fixed tables ---- */
    {"NPV, societal perspective", "Netto nåverdi, samfunnets perspektiv"},
    {"NPV, government perspective", "Netto nåverdi, statens perspektiv"},
    {"NPV, participant perspective", "Netto nåverdi, deltakerens perspektiv"},
    {" (base case)", " (basisalternativ)"},
    {"Adjusted for baseline covariates (logistic regression, standardised by g-computation)",
     "Justert for kovariater ved start (logistisk regresjon, standardisert ved g-beregning)"},
    {"Adjusted for the baseline value and covariates (ANCOVA)", "Justert for verdien ved start og kovariater (ANCOVA)"},
    {"Does the effect differ between groups? Treatment-by-subgroup interaction tests: ",
     "Er virkningen ulik mellom grupper? Samspillstester mellom behandling og undergruppe: "},

    /* ---- words put into sentences (band labels of IPS-25, units, parts) ---- */
    {"item", "punkt"},
    {"items", "punkter"},
    {"not reached on this grid", "ikke nådd i dette rutenettet"},
    {"cost", "kostnad"},
    {"utility", "nytteverdi"},
    {"IPS-25 Supported Employment Fidelity Scale (Becker, Swanson, Bond & Merrens 2008)",
     "IPS-25, trofasthetsskala for individuell jobbstøtte (Becker, Swanson, Bond & Merrens 2008)"},
    {"Effects not valued in money (DFØ plus-minus scale, -4 to +4), beside the NPVs",
     "Virkninger som ikke er verdsatt i penger (DFØs pluss-minus-skala, fra -4 til +4), ved siden av netto nåverdiene"},
    {"DFØ's plus-minus table: each effect not valued in money scored from -4 to +4, shown beside the NPVs.",
     "DFØs pluss-minus-tabell: hver virkning som ikke er verdsatt i penger, skåret fra -4 til +4, vist ved siden av "
     "netto nåverdiene."},
    {"random effects, ML", "tilfeldige effekter, ML"},
    {"random effects, Paule-Mandel", "tilfeldige effekter, Paule–Mandel"},
    {"percentage points of employment", "prosentpoeng i arbeid"},
    {"Employment (probability)", "I arbeid (sannsynlighet)"},
    {"Workdays per person-year", "Arbeidsdager per person-år"},

    /* ---- Summary, Methods and Provenance ---- */
    {"At %s %s",
     "Ved %s %s"},
    {"%s%% of the %s group (n = %s) and %s%% of the %s group (n = %s)",
     "%s %% i %s-gruppen (n = %s) og %s %% i %s-gruppen (n = %s)"},
    {"%s CI %s to %s",
     "%s KI %s til %s"},
    {"a difference of %s percentage points%s",
     "en forskjell på %s prosentpoeng%s"},
    {" (%s CI %s to %s",
     " (%s KI %s til %s"},
    {"%s, the difference was %s%s%s.",
     "%s, var forskjellen %s%s%s."},
    {" (the Subgroups sheet has each group's effect).",
     " (arket Undergrupper har virkningen i hver gruppe)."},
    {"Difference, percentage points (%s CI)",
     "Forskjell, prosentpoeng (%s KI)"},
    {"Differences are %s minus %s, with Newcombe's interval; p from Pearson's chi-square test. Details by "
     "timepoint, adjusted analyses and the continuous outcomes are on the Outcomes sheet.",
     "Forskjellene er %s minus %s, med Newcombes intervall; p fra Pearsons kjikvadrattest. Detaljer per "
     "tidspunkt, justerte analyser og de kontinuerlige utfallene står på arket Utfall."},
    {"Fidelity (%s, %zu sites): the mean total rose from %s in %s to %s in %s.",
     "Trofasthet (%s, %zu enheter): gjennomsnittlig totalskår steg fra %s i %s til %s i %s."},
    {" At the latest review:",
     " Ved siste måling:"},
    {"The raters of each review agreed on the totals: ICC(2,1) %s (%s CI %s to %s).",
     "Vurdererne av hver måling var enige om totalskårene: ICC(2,1) %s (%s KI %s til %s)."},
    {"Cost-benefit: %s costs %s %s more per participant than %s.",
     "Nytte-kostnad: %s koster %s %s mer per deltaker enn %s."},
    {"with the effect halving every %g year%s after month %g",
     "med virkningen halvert hvert %g. år%.0s etter måned %g"},
    {"Over %d year%s, %s, %.3g%% discounting%s%s",
     "Over %d år%.0s, %s, %.3g %% diskontering%s%s"},
    {"For the extra jobs to pay for it, they would have to pay %s %s a year within the trial's %g months, "
     "%s %s within %d year%s, or %s %s within %d years %s (discount rate %.3g%%%s).",
     "For at de ekstra jobbene skal betale for det, må de gi %s %s i året innenfor studiens %g måneder, "
     "%s %s innen %d år%.0s, eller %s %s innen %d år %s (diskonteringsrente %.3g %%%s)."},
    {"%s (%s to %s)",
     "%s (%s til %s)"},
    {" (%s interval from the probabilistic analysis)",
     " (%s intervall fra den probabilistiske analysen)"},
    {"%s: the net present value from the %s perspective is %s %s per participant%s",
     "%s: netto nåverdi fra %s perspektiv er %s %s per deltaker%s"},
    {"; the probability that it is positive is %.0f%%.",
     "; sannsynligheten for at den er positiv er %.0f %%."},
    {", then %s (%s %s per QALY)",
     ", deretter %s (%s %s per QALY)"},
    {"Cost-effectiveness (%zu options, trial data): the efficiency frontier runs from %s%s%s; see the CEA sheet.",
     "Kostnadseffektivitet (%zu alternativer, studiedata): effektivitetsfronten går fra %s%s%s; se arket "
     "Kostnadseffektivitet."},
    {"At %s %s per QALY, %s has the highest expected net benefit; the probability that it is the most "
     "cost-effective option is %.1f%% (%s bootstrap resamples); EVPI %s %s per participant.",
     "Ved %s %s per QALY har %s høyest forventet netto nytte; sannsynligheten for at det er det mest "
     "kostnadseffektive alternativet er %.1f %% (%s bootstrap-trekk); EVPI %s %s per deltaker."},
    {"; in a new setting like these the effect would lie between %s and %s (%s prediction interval)",
     "; i en ny setting som disse ville virkningen ligge mellom %s og %s (%s prediksjonsintervall)"},
    {"; I² = %s%%",
     "; I² = %s %%"},
    {"%s (%s CI %s to %s)",
     "%s (%s KI %s til %s)"},
    {"%.0f published trials pooled (%s): %s %s%s%s.",
     "%.0f publiserte studier slått sammen (%s): %s %s%s%s."},
    {"interval at %.1f%%, the level the %s interval attains with so few control clusters, not %s",
     "intervall på %.1f %%, nivået %s-intervallet faktisk oppnår med så få kontrollklynger, ikke %s"},
    {"On one scale (%s; a full-time year counted as %.1f workdays):",
     "På én skala (%s; et helårsverk regnet som %.1f arbeidsdager):"},
    {" the trial's effect, averaged over its follow-up, %s (%s CI);",
     " studiens virkning, i gjennomsnitt over oppfølgingen, %s (%s KI);"},
    {" the registry effect per member of the exposed population %s (%s)",
     " registervirkningen per medlem av den eksponerte befolkningen %s (%s)"},
    {", per IPS user %s, dividing by a take-up of %.1f%% (%.0f IPS users among the %.0f people exposed in "
     "the post-period, the same people the registry effect averages over; an upper bound if there are "
     "spill-overs)",
     ", per IPS-bruker %s, ved å dele på en oppslutning på %.1f %% (%.0f IPS-brukere blant de %.0f "
     "eksponerte personene i etterperioden, de samme personene registervirkningen er et gjennomsnitt "
     "over; en øvre grense hvis det er smitteeffekter)"},
    {". %s the real-world effect is %s times the trial's (Fieller %s interval %s to %s)",
     ". %s er virkningen i praksis %s ganger studiens (Fieller %s intervall %s til %s)"},
    {". Work gained for the %.0f people exposed: %s full-time work-years a year",
     ". Arbeid vunnet for de %.0f eksponerte: %s helårsverk i året"},
    {"%s: once IPS started, members of the treated area%s had %s %s more than the "
     "comparison areas' trend predicts (difference-in-differences with two-way fixed effects, %.0f areas, "
     "%.0f treated; it assumes both would have moved in parallel without IPS).",
     "%s: etter at IPS startet, hadde medlemmer i det behandlede området%s %s %s mer enn "
     "trenden i sammenligningsområdene tilsier (forskjell-i-forskjeller med toveis faste effekter, %.0f "
     "områder, %.0f behandlet; det forutsetter at begge ville ha utviklet seg parallelt uten IPS)."},
    {" With one treated cluster the honest test is the comparison with placebo clusters: p = %s (the "
     "smallest possible is %s)",
     " Med én behandlet klynge er den ærlige testen sammenligningen med placeboklynger: p = %s (den "
     "minste mulige er %s)"},
    {"; Conley-Taber interval %s to %s, which covers the truth %.1f%% of the time (not %s: with %.0f "
     "control clusters no interval from them can do better)",
     "; Conley–Taber-intervall %s til %s, som dekker den sanne verdien %.1f %% av gangene (ikke %s: med "
     "%.0f kontrollklynger kan intet intervall fra dem gjøre det bedre)"},
    {". Cluster-robust and wild-bootstrap p-values are shown on the Registry sheet but cannot be trusted "
     "with one treated cluster.",
     ". Klyngerobuste p-verdier og p-verdier fra wild bootstrap vises på arket Register, men kan ikke "
     "stoles på med én behandlet klynge."},
    {"within %s year%s",
     "innen %s år%.0s"},
    {"Every method used in this run, with a reference, the distribution and degrees of freedom of its "
     "p-values, where its formulas are written down and the software that computed it. Intervals are %s "
     "confidence intervals; p-values are two-sided.",
     "Hver metode som er brukt i denne kjøringen, med en referanse, fordelingen og frihetsgradene til "
     "p-verdiene, hvor formlene er skrevet ned og programvaren som beregnet den. Intervallene er %s "
     "konfidensintervaller; p-verdiene er tosidige."},
    {"no p-value",
     "ingen p-verdi"},
    {"%s%s with %.6g df",
     "%s%s med %.6g fg"},
    {"%s%s, %.4g to %.4g df (each row's df column)",
     "%s%s, %.4g til %.4g fg (kolonnen df i hver rad)"},
    {"Statistical code: %s, open source; the exact configuration, input checksums, seed and command line "
     "are on the Provenance sheet, so the analysis can be rerun from them. Participant-level data are not "
     "in this workbook.",
     "Statistisk kode: %s, åpen kildekode; den eksakte konfigurasjonen, sjekksummer for inndata, frø og "
     "kommandolinje står på arket Opphav, så analysen kan kjøres på nytt fra dem. Data på deltakernivå er "
     "ikke i denne arbeidsboken."},
    {"%s vs %s (the reference arm, named on every figure)",
     "%s mot %s (referansegruppen, navngitt på hver figur)"},
    {"%s; taxes and benefits are transfers, valued in the societal NPV only through the marginal cost of "
     "public funds (%.3g)",
     "%s; skatter og ytelser er overføringer, verdsatt i samfunnets netto nåverdi bare gjennom "
     "skattefinansieringskostnaden (%.3g)"},
    {"1 to %d years (break-even table), NPVs over %d years; the trial window of %g months",
     "1 til %d år (balanselønnstabell), netto nåverdier over %d år; studiens tidsvindu på %g måneder"},
    {"%.4g%% a year (real) for costs, earnings and QALYs; yearly flows at the end of each year, programme "
     "costs at t = 0",
     "%.4g %% i året (reelt) for kostnader, inntekter og QALY; årlige strømmer ved slutten av hvert år, "
     "tiltakskostnader ved t = 0"},
    {"employment (%s), valued by the wage; QALYs valued at %.10g per QALY",
     "arbeid (%s), verdsatt med lønnen; QALY verdsatt til %.10g per QALY"},
    {"%s, %ld prices",
     "%s, %ld-priser"},
    {"effect linear from 0 at randomisation through the effect months, then persistence: %s%s",
     "virkning lineær fra 0 ved randomisering gjennom virkningsmånedene, deretter varighet: %s%s"},
    {"probabilistic analysis of the base case (%ld draws, one seeded generator; %s), acceptability curve "
     "and frontier, EVPI; one-way analysis at each parameter's %.3g%% and %.3g%% points (tornado on NPV "
     "and INMB, not on the ICER)",
     "probabilistisk analyse av basisalternativet (%ld trekk, én generator med frø; %s), "
     "akseptabilitetskurve og -front, EVPI; enveisanalyse ved hver parameters persentiler %.3g og %.3g "
     "(tornado for netto nåverdi og INMB, ikke for ICER)"},
    {"every input with its distribution on the CBA sheet; the configuration on Provenance",
     "hver inndata med sin fordeling på arket Nytte-kostnad; konfigurasjonen på Opphav"},
    {"%s (the arms of the trial); increments against %s; all options compared at once in the incremental "
     "analysis",
     "%s (studiens grupper); økninger mot %s; alle alternativer sammenlignet samtidig i den inkrementelle "
     "analysen"},
    {"as the cost columns record them (the configuration's cost items; state the perspective with the "
     "data)",
     "slik kostnadskolonnene registrerer dem (konfigurasjonens kostnadsposter; oppgi perspektivet sammen "
     "med dataene)"},
    {"the trial's follow-up: %g months",
     "studiens oppfølging: %g måneder"},
    {"costs %.4g%%, QALYs %.4g%% a year; a period's cost by the year its period starts in, a utility "
     "segment by the year it starts in; nothing within the first year",
     "kostnader %.4g %%, QALY %.4g %% i året; en periodes kostnad etter året perioden starter i, et "
     "nyttesegment etter året det starter i; ingenting innenfor første år"},
    {"QALYs by the area under the utility curve from %zu utility measurements (months %g to %g); "
     "utilities as given (value set minimum %g)",
     "QALY som arealet under nyttekurven fra %zu nyttemålinger (måned %g til %g); nytteverdier som gitt "
     "(minste verdi i verdisettet %g)"},
    {"complete cases (%zu of %ld participants; missing counts per arm and column on the CEA sheet); "
     "incremental QALYs adjusted for baseline utility%s by regression, costs by regression on the "
     "options%s; dominance and extended dominance",
     "komplette tilfeller (%zu av %ld deltakere; antall manglende per gruppe og kolonne på arket "
     "Kostnadseffektivitet); inkrementelle QALY justert for nytteverdi ved start%s ved regresjon, "
     "kostnader ved regresjon på alternativene%s; dominans og utvidet dominans"},
    {"non-parametric bootstrap of participants within arm (%ld resamples, one seeded generator): "
     "percentile and BCa intervals, CE plane, acceptability curves over all options, the acceptability "
     "frontier, EVPI",
     "ikke-parametrisk bootstrap av deltakere innad i gruppe (%ld trekk, én generator med frø): "
     "persentil- og BCa-intervaller, kostnadseffektivitetsplan, akseptabilitetskurver over alle "
     "alternativer, akseptabilitetsfronten, EVPI"},
    {"the configuration on Provenance; the data file's SHA-256 there",
     "konfigurasjonen på Opphav; datafilens SHA-256 der"},
    {"none",
     "ingen"},
    {"none: small_cell is 0, so counts are shown as computed",
     "ingen: small_cell er 0, så antall vises som beregnet"},
    {"Configuration file as read%s%s%s",
     "Konfigurasjonsfilen slik den ble lest%s%s%s"},
    {"Primary outcome",
     "Primært utfall"},
    {"Headline effects",
     "Hovedvirkninger"},
    {"Outcome",
     "Utfall"},
    {"Timepoint",
     "Tidspunkt"},
    {"p-value",
     "p-verdi"},
    {"Published trials (meta-analysis)",
     "Publiserte studier (metaanalyse)"},
    {"Trial versus real world",
     "Studie mot praksis"},
    {"Real-world effect (registry difference-in-differences)",
     "Virkning i praksis (forskjell-i-forskjeller i registeret)"},
    {"Module",
     "Modul"},
    {"Analysis",
     "Analyse"},
    {"Formulas",
     "Formler"},
    {"Software",
     "Programvare"},
    {"Baseline characteristics (CONSORT table 1)",
     "Kjennetegn ved start (CONSORT tabell 1)"},
    {"Per arm: mean, SD and median with quartiles (R type 7) of numeric characteristics, n (%) of each "
     "level of categorical ones, and missing counts; no p-values.",
     "Per gruppe: gjennomsnitt, SD og median med kvartiler (R type 7) for numeriske kjennetegn, n (%) for "
     "hvert nivå av kategoriske, og antall manglende; ingen p-verdier."},
    {"ipseval methods guide, section: The trial at each timepoint",
     "ipsevals metodeveiledning, del: Studien ved hvert tidspunkt"},
    {"Standardised difference",
     "Standardisert forskjell"},
    {"Difference in means (or proportions) between an intervention arm and the control over the root mean "
     "of the two variances; a balance diagnostic, not a test.",
     "Forskjell i gjennomsnitt (eller andeler) mellom en intervensjonsgruppe og kontrollgruppen delt på "
     "roten av gjennomsnittet av de to variansene; et mål på balanse, ikke en test."},
    {"Attrition (CONSORT flow)",
     "Frafall (CONSORT-flyt)"},
    {"Randomised, analysed and missing participants per arm and timepoint, intention to treat.",
     "Randomiserte, analyserte og manglende deltakere per gruppe og tidspunkt, intention to treat."},
    {"Missingness by arm, Pearson chi-square",
     "Frafall etter gruppe, Pearsons kjikvadrattest"},
    {"Test of whether the share with a missing outcome differs between arms (arms x missing table, no "
     "continuity correction).",
     "Test av om andelen med manglende utfall er ulik mellom gruppene (tabell gruppe x manglende, uten "
     "kontinuitetskorreksjon)."},
    {"Proportion with Wilson score interval",
     "Andel med Wilsons skårintervall"},
    {"Share of each arm with the outcome among those analysed, with the Wilson score interval.",
     "Andelen i hver gruppe med utfallet blant de analyserte, med Wilsons skårintervall."},
    {"Wald interval (method 1)",
     "Wald-intervall (metode 1)"},
    {"Difference in proportions with the simple normal-approximation interval; unreliable with small "
     "counts, shown for comparison.",
     "Forskjell i andeler med det enkle normaltilnærmede intervallet; upålitelig med små tall, vist til "
     "sammenligning."},
    {"standard normal (z; no df)",
     "standard normalfordeling (z; ingen fg)"},
    {"Newcombe hybrid score interval (method 10)",
     "Newcombes hybride skårintervall (metode 10)"},
    {"Difference in proportions (intervention minus control); the interval combines the Wilson intervals "
     "of the two arms and keeps good coverage with small counts.",
     "Forskjell i andeler (intervensjon minus kontroll); intervallet kombinerer Wilson-intervallene for "
     "de to gruppene og holder god dekning med små tall."},
    {"Number needed to treat",
     "Antall som må behandles (NNT)"},
    {"Reciprocal of the risk difference: people offered the intervention per extra person with the "
     "outcome.",
     "Den inverse av risikoforskjellen: personer som må tilbys intervensjonen per ekstra person med "
     "utfallet."},
    {"Risk ratio with log (Katz) interval",
     "Risikoratio med log-intervall (Katz)"},
    {"Ratio of the proportions (intervention / control); interval from the normal approximation on the "
     "log scale.",
     "Forholdet mellom andelene (intervensjon / kontroll); intervall fra normaltilnærmingen på log-skala."},
    {"Odds ratio with Woolf (logit) interval",
     "Oddsratio med Woolfs (logit-)intervall"},
    {"Sample odds ratio; interval from the normal approximation on the log scale.",
     "Utvalgets oddsratio; intervall fra normaltilnærmingen på log-skala."},
    {"Conditional maximum-likelihood odds ratio, exact interval",
     "Betinget sannsynlighetsmaksimerende oddsratio, eksakt intervall"},
    {"Odds ratio maximising the conditional (non-central hypergeometric) likelihood, with the exact "
     "conditional interval, as R fisher.test.",
     "Oddsratioen som maksimerer den betingede (ikke-sentrale hypergeometriske) likelihooden, med det "
     "eksakte betingede intervallet, som R fisher.test."},
    {"exact conditional distribution (no df)",
     "eksakt betinget fordeling (ingen fg)"},
    {"Pearson chi-square test",
     "Pearsons kjikvadrattest"},
    {"Test of no association between arm and outcome in the 2x2 table.",
     "Test av ingen sammenheng mellom gruppe og utfall i 2x2-tabellen."},
    {"Fisher's exact test, two-sided",
     "Fishers eksakte test, tosidig"},
    {"Exact conditional test of no association between arm and outcome; the two-sided p-value sums the "
     "tables no more probable than the observed one, as R fisher.test.",
     "Eksakt betinget test av ingen sammenheng mellom gruppe og utfall; den tosidige p-verdien summerer "
     "tabellene som ikke er mer sannsynlige enn den observerte, som R fisher.test."},
    {"Logistic regression (maximum likelihood)",
     "Logistisk regresjon (sannsynlighetsmaksimering)"},
    {"Log-odds of the outcome regressed on arm (and covariates when adjusted).",
     "Log-odds for utfallet regrediert på gruppe (og kovariater når justert)."},
    {"Odds ratio from unadjusted logistic regression",
     "Oddsratio fra ujustert logistisk regresjon"},
    {"exp of the arm coefficient of logistic regression on arm alone, Wald interval on the log scale.",
     "exp av gruppekoeffisienten i logistisk regresjon på gruppe alene, Wald-intervall på log-skala."},
    {"Logistic regression, adjusted",
     "Logistisk regresjon, justert"},
    {"Log-odds of the outcome on arm, site and covariates (maximum likelihood, IRLS); separation and "
     "non-convergence are reported instead of estimates.",
     "Log-odds for utfallet på gruppe, enhet og kovariater (sannsynlighetsmaksimering, IRLS); separasjon "
     "og manglende konvergens rapporteres i stedet for estimater."},
    {"Odds ratio from adjusted logistic regression",
     "Oddsratio fra justert logistisk regresjon"},
    {"exp of the arm coefficient of logistic regression on arm, site and covariates (conditional on "
     "them), Wald interval on the log scale.",
     "exp av gruppekoeffisienten i logistisk regresjon på gruppe, enhet og kovariater (betinget på dem), "
     "Wald-intervall på log-skala."},
    {"Marginal risk difference by g-computation",
     "Marginal risikoforskjell ved g-beregning"},
    {"Mean predicted risk with everyone in the intervention arm minus everyone in the control arm, from "
     "the adjusted logistic model; delta-method standard error.",
     "Gjennomsnittlig predikert risiko med alle i intervensjonsgruppen minus alle i kontrollgruppen, fra "
     "den justerte logistiske modellen; standardfeil ved deltametoden."},
    {"Number needed to treat, adjusted",
     "Antall som må behandles, justert"},
    {"Reciprocal of the g-computation risk difference with the reciprocal limits; reported when the "
     "interval excludes 0.",
     "Den inverse av risikoforskjellen fra g-beregning med de inverse grensene; oppgitt når intervallet "
     "utelukker 0."},
    {"Arm summary",
     "Oppsummering per gruppe"},
    {"Proportion or mean of each arm with its interval.",
     "Andel eller gjennomsnitt i hver gruppe med sitt intervall."},
    {"Welch t interval",
     "Welchs t-intervall"},
    {"Difference in means with the unequal-variance t interval and Welch-Satterthwaite df.",
     "Forskjell i gjennomsnitt med t-intervallet for ulike varianser og Welch–Satterthwaite-fg."},
    {"Student t interval",
     "Students t-intervall"},
    {"Difference in means with the pooled-variance t interval.",
     "Forskjell i gjennomsnitt med t-intervallet for felles varians."},
    {"Standardised mean difference with the small-sample correction.",
     "Standardisert gjennomsnittsforskjell med korreksjon for små utvalg."},
    {"Wilcoxon rank-sum test",
     "Wilcoxons rangsumtest"},
    {"Rank-based test of a shift between arms.",
     "Rangbasert test av en forskyvning mellom gruppene."},
    {"rank statistic, normal approximation (no df)",
     "rangobservator, normaltilnærming (ingen fg)"},
    {"ANCOVA with classical standard errors",
     "ANCOVA med klassiske standardfeil"},
    {"Outcome regressed by least squares on arm, its baseline value, site and covariates; the arm "
     "coefficient with t on the residual degrees of freedom.",
     "Utfallet regrediert med minste kvadraters metode på gruppe, verdien ved start, enhet og kovariater; "
     "gruppekoeffisienten med t på residualfrihetsgradene."},
    {"ANCOVA with HC2 standard errors",
     "ANCOVA med HC2-standardfeil"},
    {"Outcome regressed on arm and baseline; heteroskedasticity-consistent (HC2) errors.",
     "Utfallet regrediert på gruppe og verdien ved start; feil robuste mot heteroskedastisitet (HC2)."},
    {"ANCOVA with HC3 standard errors",
     "ANCOVA med HC3-standardfeil"},
    {"Outcome regressed on arm and baseline; heteroskedasticity-consistent (HC3) errors.",
     "Utfallet regrediert på gruppe og verdien ved start; feil robuste mot heteroskedastisitet (HC3)."},
    {"Risk difference within a subgroup",
     "Risikoforskjell innad i en undergruppe"},
    {"Difference in proportions within one level of the subgroup variable, Newcombe's hybrid score "
     "interval.",
     "Forskjell i andeler innad i ett nivå av undergruppevariabelen, Newcombes hybride skårintervall."},
    {"Treatment-by-subgroup interaction, likelihood-ratio test",
     "Samspill mellom behandling og undergruppe, likelihood-ratio-test"},
    {"A logistic model in which the effect may differ between the groups against one with the same effect in "
     "every group; chi-square on the number of interaction terms.",
     "En logistisk modell der virkningen kan variere mellom gruppene, mot en med samme virkning i alle grupper; "
     "kjikvadrat med antall samspillsledd som fg."},
    {"Equity of access and outcome",
     "Likeverdig tilgang og utfall"},
    {"Share of those randomised in each group, the outcome in the intervention arm by group, and a test "
     "of differences between groups (chi-square or one-way ANOVA).",
     "Andelen av de randomiserte i hver gruppe, utfallet i intervensjonsgruppen etter gruppe, og en test "
     "av forskjeller mellom gruppene (kjikvadrat eller enveis variansanalyse)."},
    {"Mean difference within a subgroup",
     "Forskjell i gjennomsnitt innad i en undergruppe"},
    {"Difference in means within one level of the subgroup variable, Welch's interval.",
     "Forskjell i gjennomsnitt innad i ett nivå av undergruppevariabelen, Welchs intervall."},
    {"Treatment-by-subgroup interaction, F test",
     "Samspill mellom behandling og undergruppe, F-test"},
    {"A linear model in which the effect may differ between the groups against one with the same effect in "
     "every group; F on the number of interaction terms and the residual df.",
     "En lineær modell der virkningen kan variere mellom gruppene, mot en med samme virkning i alle grupper; "
     "F med antall samspillsledd og residualfrihetsgradene."},
    {"Power by simulation",
     "Styrke ved simulering"},
    {"Share of trials simulated under the design with p below alpha in the primary analysis, with its "
     "Monte Carlo standard error.",
     "Andelen studier simulert under designet med p under alfa i primæranalysen, med sin Monte "
     "Carlo-standardfeil."},
    {"GEE logistic model",
     "GEE logistisk modell"},
    {"Population-average log-odds model with a working correlation and robust errors.",
     "Log-odds-modell for gjennomsnittet i befolkningen med en arbeidskorrelasjon og robuste feil."},
    {"ipseval methods guide, section: The trial over time",
     "ipsevals metodeveiledning, del: Studien over tid"},
    {"No description in this version of the report.",
     "Ingen beskrivelse i denne versjonen av rapporten."},
    {"see the ipseval methods guide",
     "se ipsevals metodeveiledning"},
    {"Random-intercept logistic regression (Laplace)",
     "Logistisk regresjon med tilfeldig konstantledd (Laplace)"},
    {"Participant-specific log odds ratios; the likelihood integral by the Laplace approximation at each "
     "participant's conditional mode.",
     "Deltakerspesifikke log-oddsratioer; likelihood-integralet ved Laplace-tilnærmingen i hver deltakers "
     "betingede modus."},
    {"Random-intercept logistic regression (adaptive Gauss-Hermite)",
     "Logistisk regresjon med tilfeldig konstantledd (adaptiv Gauss–Hermite)"},
    {"As the Laplace fit, with the integral by adaptive Gauss-Hermite quadrature (glmm_points nodes).",
     "Som Laplace-tilpasningen, med integralet ved adaptiv Gauss–Hermite-kvadratur (glmm_points noder)."},
    {"GEE linear model",
     "GEE lineær modell"},
    {"Population-average linear model with a working correlation and robust errors.",
     "Lineær modell for gjennomsnittet i befolkningen med en arbeidskorrelasjon og robuste feil."},
    {"Linear mixed model (random intercept)",
     "Lineær blandet modell (tilfeldig konstantledd)"},
    {"Differences in means across timepoints with a random intercept per participant, by REML or ML; "
     "model-based standard errors; Satterthwaite degrees of freedom.",
     "Forskjeller i gjennomsnitt over tidspunkter med et tilfeldig konstantledd per deltaker, ved REML "
     "eller ML; modellbaserte standardfeil; Satterthwaite-frihetsgrader."},
    {"Kaplan-Meier median",
     "Kaplan–Meier-median"},
    {"Median time to event from the Kaplan-Meier curve.",
     "Mediantid til hendelse fra Kaplan–Meier-kurven."},
    {"Kaplan-Meier curve",
     "Kaplan–Meier-kurve"},
    {"The whole step function with numbers at risk (for the chart).",
     "Hele trappefunksjonen med antall under risiko (til diagrammet)."},
    {"Kaplan-Meier survival",
     "Kaplan–Meier-overlevelse"},
    {"Share still without the event at a given time, from the Kaplan-Meier curve.",
     "Andelen fortsatt uten hendelsen ved et gitt tidspunkt, fra Kaplan–Meier-kurven."},
    {"Restricted mean survival time",
     "Begrenset gjennomsnittlig overlevelsestid"},
    {"Mean time without the event up to a horizon: the area under the Kaplan-Meier curve.",
     "Gjennomsnittlig tid uten hendelsen fram til en horisont: arealet under Kaplan–Meier-kurven."},
    {"Difference in restricted mean survival time",
     "Forskjell i begrenset gjennomsnittlig overlevelsestid"},
    {"Difference between arms in mean time without the event up to the horizon; valid without "
     "proportional hazards.",
     "Forskjell mellom gruppene i gjennomsnittlig tid uten hendelsen fram til horisonten; gyldig uten "
     "proporsjonale hasarder."},
    {"Ratio of restricted mean survival times",
     "Forhold mellom begrensede gjennomsnittlige overlevelsestider"},
    {"Ratio between arms of mean time without the event up to the horizon.",
     "Forholdet mellom gruppene i gjennomsnittlig tid uten hendelsen fram til horisonten."},
    {"Log-rank test",
     "Log-rank-test"},
    {"Test of equal event-time distributions in the two arms.",
     "Test av like fordelinger av tid til hendelse i de to gruppene."},
    {"Cox model, Efron ties",
     "Cox-modell, Efron for like tider"},
    {"Proportional hazards model; tied event times handled by Efron's approximation.",
     "Modell for proporsjonale hasarder; like hendelsestider håndtert med Efrons tilnærming."},
    {"standard normal (z; no df); chi-square with 1 df",
     "standard normalfordeling (z; ingen fg); kjikvadrat med 1 fg"},
    {"exp(Cox coefficient) with its Wald interval.",
     "exp(Cox-koeffisient) med sitt Wald-intervall."},
    {"Test of proportional hazards (Schoenfeld residuals)",
     "Test av proporsjonale hasarder (Schoenfeld-residualer)"},
    {"Score test per term and global of a log hazard ratio that changes with 1 - KM(t), as R's cox.zph.",
     "Skårtest per ledd og samlet for en log-hasardratio som endrer seg med 1 - KM(t), som Rs cox.zph."},
    {"Cox model, Breslow ties",
     "Cox-modell, Breslow for like tider"},
    {"Proportional hazards model; tied event times handled by Breslow's approximation.",
     "Modell for proporsjonale hasarder; like hendelsestider håndtert med Breslows tilnærming."},
    {"Adjusted Cox model",
     "Justert Cox-modell"},
    {"Proportional hazards model with covariates.",
     "Modell for proporsjonale hasarder med kovariater."},
    {"standard normal (z; no df); chi-square with 12 df",
     "standard normalfordeling (z; ingen fg); kjikvadrat med 12 fg"},
    {"Holm step-down adjustment",
     "Holms trinnvise justering"},
    {"Family-wise error control over the secondary outcomes' main tests; the primary outcome is not "
     "adjusted.",
     "Kontroll av familievis feilrate over de sekundære utfallenes hovedtester; det primære utfallet "
     "justeres ikke."},
    {"Item scores per review",
     "Skår per punkt per måling"},
    {"The review's score of each item: the consensus row when given, else the mean of the raters' scores.",
     "Målingens skår for hvert punkt: konsensusraden når den er gitt, ellers gjennomsnittet av "
     "vurderernes skår."},
    {"ipseval methods guide, section: Fidelity reviews",
     "ipsevals metodeveiledning, del: Trofasthetsmålinger"},
    {"Section subtotals",
     "Delsummer per del"},
    {"Sum (or mean) of the items of each section of the scale.",
     "Sum (eller gjennomsnitt) av punktene i hver del av skalaen."},
    {"Fidelity scale scoring",
     "Skåring av trofasthetsskalaen"},
    {"Each review's item scores (the consensus row when given, else the mean of the raters) are summed "
     "(or averaged) into the total and section subtotals; reverse-scored items count as min + max - "
     "score; below min_answered the total is missing (never prorated unless asked); the total falls in "
     "the scale's band.",
     "Hver målings skår per punkt (konsensusraden når den er gitt, ellers gjennomsnittet av vurderernes) "
     "summeres (eller tas gjennomsnitt av) til totalskår og delsummer; punkter med omvendt skåring teller "
     "som min + max - skår; under min_answered mangler totalskåren (aldri forholdsmessig oppskalert med "
     "mindre det bes om); totalskåren faller i skalaens nivå."},
    {"Change since the first review",
     "Endring siden første måling"},
    {"Each site's total minus its first review's total.",
     "Hver enhets totalskår minus totalskåren ved dens første måling."},
    {"Items that hold a site back",
     "Punkter som holder en enhet tilbake"},
    {"Items scored at or below the middle of the scale at the site's latest review, lowest first, with "
     "whether they stayed there in every review and the anchor text of the next level.",
     "Punkter med skår på eller under midten av skalaen ved enhetens siste måling, lavest først, med om "
     "de ble der i hver måling og ankerteksten for neste nivå."},
    {"Intraclass correlation",
     "Intraklassekorrelasjon"},
    {"Agreement or consistency of raters' scores (Shrout-Fleiss forms).",
     "Enighet eller konsistens i vurderernes skår (Shrout–Fleiss-former)."},
    {"Cohen's kappa",
     "Cohens kappa"},
    {"Chance-corrected agreement of two raters.",
     "Enighet mellom to vurderere, korrigert for tilfeldigheter."},
    {"Weighted kappa",
     "Vektet kappa"},
    {"Chance-corrected agreement of two raters with partial credit for near agreement.",
     "Enighet mellom to vurderere, korrigert for tilfeldigheter, med delvis uttelling for nær enighet."},
    {"Exact agreement per item",
     "Eksakt enighet per punkt"},
    {"Share of reviews in which every rater gave the item the same score (and within one point).",
     "Andelen målinger der hver vurderer ga punktet samme skår (og innenfor ett poeng)."},
    {"Cohen's kappa with a cluster-bootstrap interval",
     "Cohens kappa med et klynge-bootstrapintervall"},
    {"The pooled item kappa with its SE and percentile interval from resampling whole reviews (items are "
     "clustered within reviews).",
     "Den samlede kappaen for punktene med sin SE og sitt persentilintervall fra trekking av hele "
     "målinger (punktene er klynget innad i målinger)."},
    {"Linearly weighted kappa with a cluster-bootstrap interval",
     "Lineært vektet kappa med et klynge-bootstrapintervall"},
    {"As the unweighted, with linear weights.",
     "Som den uvektede, med lineære vekter."},
    {"Quadratically weighted kappa with a cluster-bootstrap interval",
     "Kvadratisk vektet kappa med et klynge-bootstrapintervall"},
    {"As the unweighted, with quadratic weights.",
     "Som den uvektede, med kvadratiske vekter."},
    {"Cronbach's alpha",
     "Cronbachs alfa"},
    {"Internal consistency of a scale's items.",
     "Indre konsistens i en skalas punkter."},
    {"Weighted regression across sites",
     "Vektet regresjon på tvers av enheter"},
    {"Sites' employment effect (or rate) on their mean fidelity total, weighted by participants analysed "
     "per site; t test on n - 2 df. Few sites: descriptive.",
     "Enhetenes virkning på arbeid (eller andel) på deres gjennomsnittlige totalskår for trofasthet, "
     "vektet med analyserte deltakere per enhet; t-test med n - 2 fg. Få enheter: beskrivende."},
    {"Spearman's rank correlation",
     "Spearmans rangkorrelasjon"},
    {"Between sites' mean fidelity totals and their employment effect (or rate); exact permutation "
     "p-value for up to 9 sites.",
     "Mellom enhetenes gjennomsnittlige totalskår for trofasthet og deres virkning på arbeid (eller "
     "andel); eksakt permutasjons-p-verdi for opptil 9 enheter."},
    {"permutation distribution (no df)",
     "permutasjonsfordeling (ingen fg)"},
    {"Chance-corrected agreement of many raters.",
     "Enighet mellom mange vurderere, korrigert for tilfeldigheter."},
    {"Fleiss' kappa with a jackknife interval",
     "Fleiss' kappa med et jackknife-intervall"},
    {"Fleiss' kappa with the jackknife SE over targets and a t interval on n - 1 df.",
     "Fleiss' kappa med jackknife-SE over målene og et t-intervall med n - 1 fg."},
    {"Conger's exact kappa with a jackknife interval",
     "Congers eksakte kappa med et jackknife-intervall"},
    {"Kappa for m raters whose chance agreement uses each rater's own margins, with the jackknife SE over "
     "targets.",
     "Kappa for m vurderere der tilfeldig enighet bruker hver vurderers egne marginaler, med jackknife-SE "
     "over målene."},
    {"Category-specific kappa",
     "Kategorispesifikk kappa"},
    {"Agreement on one category beyond chance, with its SE under no agreement (a test).",
     "Enighet om én kategori utover tilfeldigheter, med sin SE under ingen enighet (en test)."},
    {"Panel description",
     "Beskrivelse av panelet"},
    {"Observations, units, periods, clusters (treated), fixed-effect parameters absorbed and the "
     "alternating projections' sweeps and last change; the verdict says which inference the design "
     "supports.",
     "Observasjoner, enheter, perioder, klynger (behandlet), absorberte parametere for faste effekter og "
     "de vekslende projeksjonenes runder og siste endring; vurderingen sier hvilken metode for usikkerhet "
     "designet gir grunnlag for."},
    {"ipseval methods guide, section: Real-world effect from registries",
     "ipsevals metodeveiledning, del: Virkning i praksis fra registre"},
    {"Two-way fixed effects, classical SE",
     "Toveis faste effekter, klassisk SE"},
    {"y_it = a_i + l_t + b D_it + X_it g + e_it by the within-transformation (alternating projections, "
     "never dummy columns); iid standard error, t on N - K df.",
     "y_it = a_i + l_t + b D_it + X_it g + e_it ved within-transformasjonen (vekslende projeksjoner, "
     "aldri dummykolonner); uavhengige standardfeil, t med N - K fg."},
    {"Cluster-robust CR1 (reghdfe/fixest degrees of freedom)",
     "Klyngerobust CR1 (frihetsgrader som reghdfe/fixest)"},
    {"Sandwich with cluster scores, factor G/(G-1)(N-1)/(N-K), K = regressors and fixed effects not "
     "nested in the clusters; t on G-1 df.",
     "Sandwich med klyngeskårer, faktor G/(G-1)(N-1)/(N-K), K = regressorer og faste effekter som ikke er "
     "nøstet i klyngene; t med G-1 fg."},
    {"Cluster-robust CR1 (areg degrees of freedom)",
     "Klyngerobust CR1 (frihetsgrader som areg)"},
    {"As CR1 with K counting every fixed effect (Stata areg, R sandwich::vcovCL HC1); t on G-1 df.",
     "Som CR1 med K som teller hver faste effekt (Stata areg, R sandwich::vcovCL HC1); t med G-1 fg."},
    {"Two-way fixed effects, CR2 errors",
     "Toveis faste effekter, CR2-feil"},
    {"Bell-McCaffrey cluster-robust errors with Satterthwaite degrees of freedom.",
     "Klyngerobuste feil etter Bell–McCaffrey med Satterthwaite-frihetsgrader."},
    {"Two-way fixed effects, wild cluster bootstrap",
     "Toveis faste effekter, wild cluster bootstrap"},
    {"Restricted wild cluster bootstrap p-value and interval by test inversion.",
     "Begrenset wild cluster bootstrap-p-verdi og intervall ved testinversjon."},
    {"wild cluster bootstrap distribution (no df)",
     "fordeling fra wild cluster bootstrap (ingen fg)"},
    {"Randomisation inference over placebo clusters",
     "Randomiseringsinferens over placeboklynger"},
    {"The treatment moved to every other set of clusters with the same start; p = share of assignments "
     "with an estimate at least as large in absolute value (exact when all are enumerated).",
     "Behandlingen flyttet til hvert annet sett av klynger med samme start; p = andelen tildelinger med "
     "et estimat minst like stort i absoluttverdi (eksakt når alle er talt opp)."},
    {"Randomisation inference on the cluster-robust t-statistic",
     "Randomiseringsinferens på den klyngerobuste t-observatoren"},
    {"As the placebo-cluster comparison, with the CR1 t-statistic of each placebo fit in place of the "
     "coefficient, which keeps its level better when clusters differ in size. With m assignments p-values "
     "are multiples of 1/m: a test at level a has exact size floor(a m)/m (0 at 5% with 11 clusters), "
     "stated in the results.",
     "Som sammenligningen med placeboklynger, med CR1-t-observatoren fra hver placebotilpasning i stedet "
     "for koeffisienten, noe som holder nivået bedre når klyngene er ulikt store. Med m tildelinger er "
     "p-verdiene multipler av 1/m: en test på nivå a har eksakt størrelse floor(a m)/m (0 ved 5 % med 11 "
     "klynger), oppgitt i resultatene."},
    {"The treated cluster's error contribution approximated by the control clusters' cluster-period "
     "residuals; the interval is the estimate minus order statistics of that distribution. With N0 "
     "controls it covers exactly (ih - il)/(N0 + 1) under exchangeable clusters; when no bounded interval "
     "reaches the requested level the minimum-to-maximum interval is given with its level, (N0 - 1)/(N0 + "
     "1) = 81.8% for ten controls.",
     "Den behandlede klyngens feilbidrag tilnærmet med kontrollklyngenes residualer per klynge og "
     "periode; intervallet er estimatet minus ordningsobservatorer fra den fordelingen. Med N0 kontroller "
     "dekker det eksakt (ih - il)/(N0 + 1) under utskiftbare klynger; når intet begrenset intervall når "
     "det ønskede nivået, gis intervallet fra minimum til maksimum med sitt nivå, (N0 - 1)/(N0 + 1) = "
     "81,8 % for ti kontroller."},
    {"Conley-Taber with the Ferman-Pinto correction",
     "Conley–Taber med Ferman–Pinto-korreksjonen"},
    {"Each control's draw rescaled by sqrt(v(M_treated)/v(M_control)), v(M) = A + B/M fitted to the "
     "controls' squared error terms on 1/M (M = observations in the cluster): clusters of different sizes "
     "have errors of different variance. Asymptotic in the number of controls: its level is approximate.",
     "Hver kontrolls trekk skalert med sqrt(v(M_treated)/v(M_control)), v(M) = A + B/M tilpasset "
     "kontrollenes kvadrerte feilledd på 1/M (M = observasjoner i klyngen): klynger av ulik størrelse har "
     "feil med ulik varians. Asymptotisk i antall kontroller: nivået er omtrentlig."},
    {"Synthetic control",
     "Syntetisk kontroll"},
    {"Weighted combination of untreated units matching the treated unit before treatment.",
     "Vektet kombinasjon av ubehandlede enheter som ligner den behandlede enheten før behandling."},
    {"Event study",
     "Hendelsesstudie"},
    {"Leads and lags of the first treated period (reference -1, end points binned) in the same "
     "fixed-effects model; CR1 and randomisation p-values per period.",
     "Perioder før og etter første behandlede periode (referanse −1, endepunktene samlet) i den samme "
     "modellen med faste effekter; CR1- og randomiserings-p-verdier per periode."},
    {"Joint pre-trend test",
     "Samlet test av trend før"},
    {"Wald F test that every lead is zero (CR1 covariance, G-1 denominator df), and its randomisation "
     "version (sum of squared leads against the placebo assignments).",
     "Wald F-test av at hver periode før er null (CR1-kovarians, G-1 fg i nevneren), og "
     "randomiseringsversjonen (sum av kvadrerte perioder før mot placebotildelingene)."},
    {"Study effect size",
     "Studiens effektstørrelse"},
    {"Each study's effect from its 2x2 table or means (log RR, log OR, RD, MD, Hedges' g) with its "
     "sampling variance; 0.5 is added to every cell of a table with a zero cell; studies with no events "
     "(or only events) in both arms are left out, and said.",
     "Hver studies virkning fra 2x2-tabellen eller gjennomsnittene (log RR, log OR, RD, MD, Hedges' g) "
     "med sin utvalgsvarians; 0,5 legges til hver celle i en tabell med en nullcelle; studier uten "
     "hendelser (eller bare hendelser) i begge grupper holdes utenfor, og det sies."},
    {"ipseval methods guide, section: Meta-analysis and the trial-versus-real-world comparison",
     "ipsevals metodeveiledning, del: Metaanalyse og sammenligningen av studie og praksis"},
    {"Study weight",
     "Studiens vekt"},
    {"Share of the main method's total weight: 1/(v + tau²) for inverse-variance methods, the "
     "Mantel-Haenszel weights otherwise.",
     "Andel av hovedmetodens totale vekt: 1/(v + tau²) for invers-varians-metoder, ellers "
     "Mantel–Haenszel-vektene."},
    {"REML random effects",
     "REML tilfeldige effekter"},
    {"Inverse-variance pooling with the restricted maximum-likelihood between-study variance.",
     "Invers-varians-sammenslåing med variansen mellom studier fra begrenset sannsynlighetsmaksimering."},
    {"Heterogeneity statistics",
     "Heterogenitetsmål"},
    {"Between-study variance tau², I², H² and Cochran's Q.",
     "Varians mellom studier tau², I², H² og Cochrans Q."},
    {"Where the effect of a new study like these would lie: estimate +- crit * sqrt(se² + tau²); crit "
     "from the normal (metafor's default), from t on k-1 df with Knapp-Hartung, or t on k-2 df (_hts).",
     "Der virkningen i en ny studie som disse ville ligge: estimat +- krit * sqrt(se² + tau²); krit fra "
     "normalfordelingen (metafors standard), fra t med k-1 fg med Knapp–Hartung, eller t med k-2 fg "
     "(_hts)."},
    {"REML with Knapp-Hartung",
     "REML med Knapp–Hartung"},
    {"REML pooling; SE scaled by the weighted residual variance (not truncated at 1, as metafor), t test "
     "on k-1 df.",
     "REML-sammenslåing; SE skalert med den vektede residualvariansen (ikke avkortet ved 1, som metafor), "
     "t-test med k-1 fg."},
    {"DerSimonian-Laird random effects",
     "DerSimonian–Laird tilfeldige effekter"},
    {"Inverse-variance pooling with the method-of-moments between-study variance.",
     "Invers-varians-sammenslåing med momentmetodens varians mellom studier."},
    {"DerSimonian-Laird with Knapp-Hartung",
     "DerSimonian–Laird med Knapp–Hartung"},
    {"DerSimonian-Laird pooling; SE scaled by the weighted residual variance, t test on k-1 df.",
     "DerSimonian–Laird-sammenslåing; SE skalert med den vektede residualvariansen, t-test med k-1 fg."},
    {"Common (fixed) effect, inverse variance",
     "Felles (fast) effekt, invers varians"},
    {"Weighted mean of the study effects with weights 1/v; z test.",
     "Vektet gjennomsnitt av studievirkningene med vekter 1/v; z-test."},
    {"Mantel-Haenszel fixed effect",
     "Mantel–Haenszel fast effekt"},
    {"Mantel-Haenszel pooled ratio across studies.",
     "Mantel–Haenszel samlet forholdstall over studiene."},
    {"Leave-one-out sensitivity analysis",
     "Følsomhetsanalyse der én utelates"},
    {"The main method refitted without each study in turn.",
     "Hovedmetoden tilpasset på nytt uten hver studie etter tur."},
    {"Cumulative meta-analysis",
     "Kumulativ metaanalyse"},
    {"The main method refitted as studies are added in year order (file order for ties).",
     "Hovedmetoden tilpasset på nytt etter hvert som studiene legges til i årsrekkefølge (filrekkefølge "
     "ved likhet)."},
    {"standard normal (z; no df); t, 1 to 6 df (each row's df column)",
     "standard normalfordeling (z; ingen fg); t, 1 til 6 fg (kolonnen df i hver rad)"},
    {"Meta-regression",
     "Metaregresjon"},
    {"Mixed-effects meta-regression on one study-level covariate (residual tau² by the main method; "
     "Knapp-Hartung F and t tests when configured); R² is the share of tau² the covariate accounts for.",
     "Metaregresjon med blandede effekter på én kovariat på studienivå (residual tau² ved hovedmetoden; "
     "Knapp–Hartung F- og t-tester når det er konfigurert); R² er andelen av tau² kovariaten forklarer."},
    {"t with 5 df; F (numerator df; the denominator df is in the row's label) with 1 df; chi-square with "
     "5 df",
     "t med 5 fg; F (tellerens fg; nevnerens fg står i radens etikett) med 1 fg; kjikvadrat med 5 fg"},
    {"Incremental programme cost",
     "Inkrementell tiltakskostnad"},
    {"Programme cost per participant, intervention minus comparator, at randomisation (undiscounted).",
     "Tiltakskostnad per deltaker, intervensjon minus sammenligning, ved randomisering (udiskontert)."},
    {"ipseval methods guide, section: Cost-benefit analysis",
     "ipsevals metodeveiledning, del: Nytte-kostnadsanalyse"},
    {"Break-even wage",
     "Balanselønn"},
    {"Annual gross wage W* at which the extra employment pays for the programme: dC / sum of discounted "
     "yearly effects (the effect rises linearly from 0 through the effect months, then follows the "
     "persistence rule); for the trial window and each horizon.",
     "Årlig bruttolønn W* der det ekstra arbeidet betaler for tiltaket: dC / summen av diskonterte årlige "
     "virkninger (virkningen stiger lineært fra 0 gjennom virkningsmånedene og følger deretter "
     "varighetsregelen); for studiens tidsvindu og hver horisont."},
    {"Societal break-even wage",
     "Balanselønn for samfunnet"},
    {"The wage at which the societal NPV is zero: closed form when NPV is linear in the wage, Brent's "
     "method with a tax schedule.",
     "Lønnen der samfunnets netto nåverdi er null: lukket form når netto nåverdi er lineær i lønnen, "
     "Brents metode med en skattetabell."},
    {"Net present value by perspective",
     "Netto nåverdi etter perspektiv"},
    {"Discounted gains minus costs for society (production, health, marginal cost of public funds on the "
     "net budget effect), the government budget (taxes, benefits, programme and health-care costs) and "
     "participants.",
     "Diskonterte gevinster minus kostnader for samfunnet (produksjon, helse, marginal kostnad ved "
     "offentlige midler på nettovirkningen for budsjettet), statsbudsjettet (skatter, ytelser, tiltaks- "
     "og helsekostnader) og deltakerne."},
    {"Return on investment",
     "Avkastning"},
    {"Present value of gains divided by present value of costs, per perspective.",
     "Nåverdien av gevinstene delt på nåverdien av kostnadene, per perspektiv."},
    {"Net present value by persistence rule",
     "Netto nåverdi etter varighetsregel"},
    {"The NPV of every perspective under every persistence rule listed (the base case first); the base "
     "case alone drives the headline, the probabilistic analysis and the tornado.",
     "Netto nåverdi for hvert perspektiv under hver varighetsregel som er listet (basisalternativet "
     "først); basisalternativet alene styrer hovedtallet, den probabilistiske analysen og tornadoen."},
    {"Return on investment by persistence rule",
     "Avkastning etter varighetsregel"},
    {"Present value of gains / present value of costs, per perspective and persistence rule.",
     "Nåverdien av gevinstene / nåverdien av kostnadene, per perspektiv og varighetsregel."},
    {"Societal break-even wage by persistence rule",
     "Balanselønn for samfunnet etter varighetsregel"},
    {"The wage at which the societal NPV is zero under each persistence rule.",
     "Lønnen der samfunnets netto nåverdi er null under hver varighetsregel."},
    {"Yearly effects a published break-even table implies",
     "Årlige virkninger en publisert balanselønnstabell innebærer"},
    {"S_H = dC / W_H is the cumulative discounted effect sum d_y e_y k_y; e_H = (S_H - S_(H-1)) / (d_H "
     "k_H): whether the table assumes effects that grow, stay or fade.",
     "S_H = dC / W_H er den kumulative diskonterte virkningen, summen av d_y e_y k_y; e_H = (S_H - "
     "S_(H-1)) / (d_H k_H): om tabellen forutsetter virkninger som vokser, holder seg eller avtar."},
    {"Effects not valued in money (plus-minus)",
     "Virkninger som ikke er verdsatt i penger (pluss-minus)"},
    {"Incremental cost divided by the employment effect at the last effect month.",
     "Inkrementell kostnad delt på virkningen på arbeid ved siste virkningsmåned."},
    {"Incremental cost-effectiveness ratio",
     "Inkrementell kostnadseffektivitetsratio"},
    {"(Incremental cost + health-care cost change) per discounted QALY or per discounted extra job-year; "
     "the label names the quadrant of the CE plane.",
     "(Inkrementell kostnad + endring i helsekostnader) per diskontert QALY eller per diskontert ekstra "
     "arbeidsår; etiketten navngir kvadranten i kostnadseffektivitetsplanet."},
    {"Incremental net monetary benefit",
     "Inkrementell netto pengenytte"},
    {"Value per unit of effect x effect gained minus incremental cost (well defined in every quadrant).",
     "Verdi per enhet virkning x vunnet virkning minus inkrementell kostnad (veldefinert i hver kvadrant)."},
    {"Probability the programme is cost-beneficial",
     "Sannsynligheten for at tiltaket er lønnsomt"},
    {"Share of the probabilistic draws with NPV > 0, per perspective (Monte Carlo SE in se).",
     "Andelen av de probabilistiske trekkene med netto nåverdi > 0, per perspektiv (Monte Carlo-SE i se)."},
    {"Cost-effectiveness acceptability curve and frontier",
     "Akseptabilitetskurve og -front for kostnadseffektivitet"},
    {"Share of draws with INMB > 0 at each willingness to pay; the frontier gives the probability that "
     "the option with the highest expected net benefit is cost-effective.",
     "Andelen trekk med INMB > 0 ved hver betalingsvilje; fronten gir sannsynligheten for at alternativet "
     "med høyest forventet netto nytte er kostnadseffektivt."},
    {"Expected value of perfect information",
     "Forventet verdi av perfekt informasjon"},
    {"E[max(INMB, 0)] - max(E[INMB], 0) over the draws, per person (and for the population).",
     "E[max(INMB, 0)] - max(E[INMB], 0) over trekkene, per person (og for befolkningen)."},
    {"One-way sensitivity analysis (tornado)",
     "Enveis følsomhetsanalyse (tornado)"},
    {"Each uncertain parameter at its 2.5% and 97.5% points, the others at base values; bars sorted by "
     "swing. On NPV and INMB, never on an ICER (which changes meaning between quadrants).",
     "Hver usikre parameter ved persentilene 2,5 og 97,5, de andre ved basisverdiene; søylene sortert "
     "etter utslag. For netto nåverdi og INMB, aldri for en ICER (som skifter betydning mellom "
     "kvadranter)."},
    {"Markov cohort model",
     "Markov-kohortmodell"},
    {"Yearly cycles over states with transition matrices per arm; earnings, benefits (net of their tax) "
     "and health-care costs per state, each cycle valued at the mean of its start and end occupancy "
     "(half-cycle correction) by perspective and discounted; PSA draws each row from a Dirichlet "
     "distribution.",
     "Årlige sykluser over tilstander med overgangsmatriser per gruppe; inntekter, ytelser (fratrukket "
     "skatten) og helsekostnader per tilstand, hver syklus verdsatt ved gjennomsnittet av fordelingen ved "
     "start og slutt (halvsykluskorreksjon) etter perspektiv og diskontert; PSA trekker hver rad fra en "
     "Dirichlet-fordeling."},
    {"Missing costs and utilities",
     "Manglende kostnader og nytteverdier"},
    {"Participants of each arm with the column missing.",
     "Deltakere i hver gruppe der kolonnen mangler."},
    {"ipseval methods guide",
     "ipsevals metodeveiledning"},
    {"Participants with every cost and utility column observed; the analysis uses them only (unbiased "
     "when missingness does not depend on the unobserved values given the arm).",
     "Deltakere med hver kostnads- og nyttekolonne observert; analysen bruker bare dem (forventningsrett "
     "når frafallet ikke avhenger av de uobserverte verdiene gitt gruppen)."},
    {"Mean cost and QALYs per option",
     "Gjennomsnittlig kostnad og QALY per alternativ"},
    {"Mean discounted cost and QALYs (area under the utility curve) of the complete cases, with bootstrap "
     "intervals.",
     "Gjennomsnittlig diskontert kostnad og QALY (arealet under nyttekurven) for de komplette tilfellene, "
     "med bootstrap-intervaller."},
    {"Incremental cost and QALYs",
     "Inkrementell kostnad og QALY"},
    {"Regression on the options (and site; QALYs also on baseline utility), classical standard errors; "
     "bootstrap percentile and BCa intervals.",
     "Regresjon på alternativene (og enhet; QALY også på nytteverdi ved start), klassiske standardfeil; "
     "bootstrap persentil- og BCa-intervaller."},
    {"BCa bootstrap interval",
     "BCa-bootstrapintervall"},
    {"Bias-corrected and accelerated interval from the resamples within arm; acceleration from the "
     "jackknife influence values (exact leave-one-out).",
     "Skjevhetskorrigert og akselerert intervall fra trekkene innad i gruppe; akselerasjonen fra "
     "jackknife-innflytelsesverdiene (eksakt utelat-én)."},
    {"Incremental QALYs adjusted for baseline utility",
     "Inkrementelle QALY justert for nytteverdi ved start"},
    {"OLS of QALYs on the options and baseline utility (and site): the coefficient of each option against "
     "the reference.",
     "OLS av QALY på alternativene og nytteverdi ved start (og enhet): koeffisienten for hvert alternativ "
     "mot referansen."},
    {"Incremental cost over incremental QALYs against the reference; a percentile interval only when "
     "every bootstrap resample lies in one quadrant.",
     "Inkrementell kostnad over inkrementelle QALY mot referansen; et persentilintervall bare når hvert "
     "bootstrap-trekk ligger i samme kvadrant."},
    {"Quadrants of the CE plane",
     "Kvadranter i kostnadseffektivitetsplanet"},
    {"Share of bootstrap resamples in each quadrant.",
     "Andelen bootstrap-trekk i hver kvadrant."},
    {"Incremental analysis and efficiency frontier",
     "Inkrementell analyse og effektivitetsfront"},
    {"Options ordered by cost; strictly and extendedly dominated options removed; ICERs between "
     "neighbours on the frontier.",
     "Alternativene ordnet etter kostnad; strengt og utvidet dominerte alternativer fjernet; ICER mellom "
     "naboer på fronten."},
    {"Willingness to pay times incremental QALYs minus incremental cost, with its bootstrap percentile "
     "interval.",
     "Betalingsvilje ganger inkrementelle QALY minus inkrementell kostnad, med sitt "
     "bootstrap-persentilintervall."},
    {"Acceptability curves over all options",
     "Akseptabilitetskurver over alle alternativer"},
    {"Share of bootstrap resamples in which each option has the highest net benefit.",
     "Andelen bootstrap-trekk der hvert alternativ har høyest netto nytte."},
    {"The option with the highest expected net benefit and the probability that it is the most "
     "cost-effective.",
     "Alternativet med høyest forventet netto nytte og sannsynligheten for at det er det mest "
     "kostnadseffektive."},
    {"Mean over resamples of the best net benefit minus the best mean net benefit, per participant.",
     "Gjennomsnittet over trekkene av beste netto nytte minus beste gjennomsnittlige netto nytte, per "
     "deltaker."},
    {"Non-parametric bootstrap within arm",
     "Ikke-parametrisk bootstrap innad i gruppe"},
    {"Participants resampled with replacement within each arm; the regressions refitted on each resample.",
     "Deltakere trukket med tilbakelegging innad i hver gruppe; regresjonene tilpasset på nytt for hvert "
     "trekk."},
    {"Assumptions of the comparison",
     "Antakelsene i sammenligningen"},
    {"The [compare] values the conversions use.",
     "[compare]-verdiene omregningene bruker."},
    {"Source effects of the comparison",
     "Kildevirkningene i sammenligningen"},
    {"The trial, registry and pooled RCT effects the comparison converts, with their intervals; a "
     "typed-in published effect keeps its published interval (registry_ci), and the row says which "
     "registry figure was used and why.",
     "Virkningene fra studien, registeret og de samlede RCT-ene som sammenligningen regner om, med sine "
     "intervaller; en innskrevet publisert virkning beholder sitt publiserte intervall (registry_ci), og "
     "raden sier hvilket registertall som ble brukt og hvorfor."},
    {"Effects on one scale",
     "Virkninger på én skala"},
    {"Trial: the mean of its employment-effect path over the follow-up (piecewise linear through 0 at "
     "randomisation and the risk differences at each month; its integral over the window / the window) x "
     "workdays per year x position share; registry DiD effect per member of the exposed population, and "
     "per IPS user divided by take-up = IPS users / exposed population (Bloom). Intervals are the "
     "sources' intervals transformed, at the level the source attains.",
     "Studie: gjennomsnittet av virkningsbanen for arbeid over oppfølgingen (stykkevis lineær gjennom 0 "
     "ved randomisering og risikoforskjellene ved hver måned; integralet over tidsvinduet / tidsvinduet) "
     "x arbeidsdager per år x stillingsandel; registerets DiD-virkning per medlem av den eksponerte "
     "befolkningen, og per IPS-bruker delt på oppslutningen = IPS-brukere / eksponert befolkning (Bloom). "
     "Intervallene er kildenes intervaller omregnet, på nivået kilden oppnår."},
    {"Pooled RCTs on their own scale",
     "Samlede RCT-er på sin egen skala"},
    {"A pooled risk ratio of cumulative incidence (ever employed over follow-up) is not person-time: it "
     "is shown as a ratio, never converted to workdays or work-years.",
     "En samlet risikoratio for kumulativ insidens (noen gang i arbeid i oppfølgingen) er ikke persontid: "
     "den vises som et forholdstall og regnes aldri om til arbeidsdager eller arbeidsår."},
    {"Efficacy-effectiveness ratios, delta method",
     "Forholdet mellom virkning i praksis og i studien, deltametoden"},
    {"Real-world effect per IPS user, and per member, over the trial's effect; se by the delta method "
     "with independent estimates, at the level the registry interval attains.",
     "Virkningen i praksis per IPS-bruker, og per medlem, over studiens virkning; se ved deltametoden med "
     "uavhengige estimater, på nivået registerintervallet oppnår."},
    {"Efficacy-effectiveness ratios, Fieller interval",
     "Forholdet mellom virkning i praksis og i studien, Fieller-intervall"},
    {"Exact normal-theory interval for a ratio of independent estimates; unbounded when the denominator's "
     "interval includes 0.",
     "Eksakt intervall under normalteori for et forhold mellom uavhengige estimater; ubegrenset når "
     "nevnerens intervall inneholder 0."},
    {"Work-years gained",
     "Arbeidsår vunnet"},
    {"Effect per member (workdays per person-year) x exposed population / workdays in a full-time year "
     "(one number for the run: workdays_per_year, default the mean weekdays of a calendar year, 260.9).",
     "Virkning per medlem (arbeidsdager per person-år) x eksponert befolkning / arbeidsdager i et "
     "helårsverk (ett tall for kjøringen: workdays_per_year, standard er gjennomsnittlig antall hverdager "
     "i et kalenderår, 260,9)."},
    {"Employment rates of IPS users",
     "Andel i arbeid blant IPS-brukere"},
    {"The trial's arms at the last timepoint and published routine-practice rates, as reference lines.",
     "Studiens grupper ved siste tidspunkt og publiserte andeler fra ordinær drift, som referanselinjer."},
    {"Randomised trial: CONSORT 2025 topics this workbook reports",
     "Randomisert studie: CONSORT 2025-temaer denne arbeidsboken rapporterer"},
    {"CONSORT 2025 topic",
     "CONSORT 2025-tema"},
    {"Where in this workbook",
     "Hvor i denne arbeidsboken"},
    {"Data sharing (item 4): where the statistical code can be accessed",
     "Datadeling (punkt 4): hvor den statistiske koden kan hentes"},
    {"Trial design: allocation ratio",
     "Studiedesign: fordelingsforhold"},
    {"Attrition / Baseline: randomised by arm.",
     "Frafall / Utgangsverdier: randomisert etter gruppe."},
    {"Statistical methods: methods used to compare groups for primary and secondary outcomes",
     "Statistiske metoder: metoder brukt til å sammenligne grupper for primære og sekundære utfall"},
    {"This sheet: one row per method with its p-value distribution and df; Outcomes sheet.",
     "Dette arket: én rad per metode med p-verdienes fordeling og fg; arket Utfall."},
    {"Statistical methods: who is included in each analysis",
     "Statistiske metoder: hvem som er med i hver analyse"},
    {"Intention to treat: analysed in the arm randomised; n per arm and analysis in Results (n column).",
     "Intention to treat: analysert i gruppen det ble randomisert til; n per gruppe og analyse i "
     "Resultater (kolonnen n)."},
    {"Statistical methods: how missing data were handled",
     "Statistiske metoder: hvordan manglende data ble håndtert"},
    {"Complete cases per timepoint; missingness by arm tested on the Attrition sheet.",
     "Komplette tilfeller per tidspunkt; frafall etter gruppe testet på arket Frafall."},
    {"Statistical methods: additional analyses (subgroups, adjusted, longitudinal)",
     "Statistiske metoder: tilleggsanalyser (undergrupper, justerte, over tid)"},
    {"Subgroups (interaction tests), adjusted models (Outcomes), Longitudinal and Time to job sheets.",
     "Arkene Undergrupper (samspillstester), justerte modeller (Utfall), Over tid og Tid til jobb."},
    {"Participant flow: randomised, analysed, losses by arm",
     "Deltakerflyt: randomiserte, analyserte og tap etter gruppe"},
    {"Attrition sheet (CONSORT flow).",
     "Arket Frafall (CONSORT-flyt)."},
    {"Baseline data: a table of baseline characteristics by arm",
     "Data ved start: en tabell over kjennetegn ved start etter gruppe"},
    {"Baseline sheet.",
     "Arket Utgangsverdier."},
    {"Numbers analysed: the denominator of each analysis by arm",
     "Antall analysert: nevneren i hver analyse etter gruppe"},
    {"Outcomes sheet (n by arm); Results (n).",
     "Arket Utfall (n etter gruppe); Resultater (n)."},
    {"Outcomes and estimation: each group's result, the effect with its precision; binary outcomes both "
     "absolute and relative",
     "Utfall og estimering: hver gruppes resultat, virkningen med presisjon; ja/nei-utfall både absolutt "
     "og relativt"},
    {"Outcomes sheet: shares by arm, risk difference (absolute), risk and odds ratios (relative), with "
     "CIs.",
     "Arket Utfall: andeler etter gruppe, risikoforskjell (absolutt), risiko- og oddsratioer (relativt), "
     "med KI."},
    {"Ancillary analyses: pre-specified vs exploratory",
     "Tilleggsanalyser: forhåndsspesifisert eller utforskende"},
    {"Subgroups sheet; multiplicity adjustment in p_adjusted.",
     "Arket Undergrupper; justering for multiple tester i p_adjusted."},
    {"Cost-benefit analysis: CHEERS 2022 items this run reports",
     "Nytte-kostnadsanalyse: CHEERS 2022-punkter denne kjøringen rapporterer"},
    {"CHEERS 2022 item",
     "CHEERS 2022-punkt"},
    {"Topic",
     "Tema"},
    {"In this run",
     "I denne kjøringen"},
    {"Comparators",
     "Sammenligningsalternativer"},
    {"Perspective",
     "Perspektiv"},
    {"Time horizon",
     "Tidshorisont"},
    {"Discount rate",
     "Diskonteringsrente"},
    {"Outcomes and their valuation",
     "Utfall og verdsetting"},
    {"Currency, price date",
     "Valuta, prisdato"},
    {"Model and assumptions",
     "Modell og antakelser"},
    {"Characterising uncertainty",
     "Beskrivelse av usikkerhet"},
    {"Study parameters",
     "Studieparametere"},
    {"Cost-effectiveness from trial data: CHEERS 2022 items this run reports",
     "Kostnadseffektivitet fra studiedata: CHEERS 2022-punkter denne kjøringen rapporterer"},
    {"Outcome, measurement and valuation",
     "Utfall, måling og verdsetting"},
    {"Analytics",
     "Analysemetoder"},
    {"Title",
     "Tittel"},
    {"Command",
     "Kommando"},
    {"Command line",
     "Kommandolinje"},
    {"Run time (UTC)",
     "Kjøretid (UTC)"},
    {"Date source",
     "Kilde for tidspunktet"},
    {"the clock when the run began",
     "klokken da kjøringen startet"},
    {"Seed",
     "Frø"},
    {"Confidence level",
     "Konfidensnivå"},
    {"Currency",
     "Valuta"},
    {"Small-cell threshold",
     "Terskel for små tall"},
    {"Disclosure control",
     "Personvern (små tall)"},
    {"Participant-level data",
     "Data på deltakernivå"},
    {"none: this workbook and the results file hold summaries only, no row per participant.",
     "ingen: denne arbeidsboken og resultatfilen har bare sammendrag, ingen rad per deltaker."},
    {"synthetic (simulated example data)",
     "syntetiske (simulerte eksempeldata)"},
    {"Configuration file",
     "Konfigurasjonsfil"},
    {"Configuration SHA-256",
     "Konfigurasjonens SHA-256"},
    {"Input files",
     "Inndatafiler"},
    {"What it holds (config section)",
     "Innhold (konfigurasjonsseksjon)"},
    {"Trial data",
     "Studiedata"},
    {"Fidelity ratings",
     "Trofasthetsvurderinger"},
    {"Ratings of inter-rater agreement",
     "Vurderinger for samsvar mellom vurderere"},
    {"Registry panel",
     "Registerpanel"},
    {"Registry spells",
     "Registerforløp"},
    {"Published studies",
     "Publiserte studier"},
    {"Costs and utilities",
     "Kostnader og nytteverdier"},
    {"Target population",
     "Målpopulasjon"},
    {"Routine-practice cohort",
     "Kohort fra ordinær praksis"},
    {"Role",
     "Rolle"},
    {"Path",
     "Sti"},
    {"Rows",
     "Rader"},
    {"Columns",
     "Kolonner"},
    {"Time since randomisation",
     "Tid siden randomisering"},
    {"Proportion without the event",
     "Andel uten hendelsen"},
    {"Review round",
     "Målerunde"},
    {"Total score",
     "Totalskår"},
    {"Sites: fidelity and outcome",
     "Enheter: trofasthet og utfall"},
    {"Employment effect (percentage points)",
     "Virkning på arbeid (prosentpoeng)"},
    {"parameter at its low point",
     "parameteren ved sitt lave punkt"},
    {"parameter at its high point",
     "parameteren ved sitt høye punkt"},
    {"Probability",
     "Sannsynlighet"},
    {"per extra job-year",
     "per ekstra arbeidsår"},
    {"Probability each option has the highest net benefit",
     "Sannsynlighet for at hvert alternativ har høyest netto nytte"},
    {"acceptability frontier",
     "akseptabilitetsfront"},
    {"Incremental QALYs (discounted, adjusted)",
     "Inkrementelle QALY (diskontert, justert)"},
    {"Pooled",
     "Samlet"},
    {"Trial versus real world: effects on one scale",
     "Studie mot praksis: virkninger på én skala"},
    {"Trial (ITT)",
     "Studie (ITT)"},
    {"Registry, per member",
     "Register, per medlem"},
    {"Registry, per IPS user",
     "Register, per IPS-bruker"},
    {"Employment: the trial's arms (bars) and IPS in routine practice (lines)",
     "Arbeid: studiens grupper (søyler) og IPS i ordinær drift (linjer)"},
    {"Placebo distribution: actual (red) and placebo clusters",
     "Placebofordeling: faktisk (rød) og placeboklynger"},
    {"Estimate with the treatment placed here",
     "Estimat med behandlingen plassert her"},
    {"Synthetic control: treated minus synthetic",
     "Syntetisk kontroll: behandlet minus syntetisk"},
    {"Gap",
     "Avvik"},
    {"Treatment starts",
     "Behandlingen starter"},
    {"Years relative to first exposure",
     "År i forhold til første eksponering"},
    {"%s interval, %.1f%% attained with %.0f control %s, not %s",
     "%s-intervall, %.1f %% oppnådd med %.0f kontroll%s, ikke %s"},
    {". Reweighted to the registry population (each arm balanced on %zu covariates of the target file), "
     "the trial's effect would be %s (%s CI)",
     ". Vektet om til registerbefolkningen (hver gruppe balansert på %zu kovariater fra målfilen) ville "
     "studiens virkning vært %s (%s KI)"},
    {"%.1f%% interval",
     "%.1f %%-intervall"},
    {"; the trial's effect minus the registry's %s, %s, splits into %s explained by who the participants "
     "are and %s (%s) that remains: delivery, fidelity, context",
     "; studiens virkning minus registerets %s, %s, deles i %s som forklares av hvem deltakerne er, og %s "
     "(%s) som gjenstår: gjennomføring, trofasthet, kontekst"},
    {" percentage points",
     " prosentpoeng"},
    {"; wages grow in real terms",
     "; lønnen vokser reelt"},
    {"per IPS user",
     "per IPS-bruker"},
    {"chi-square",
     "kjikvadrat"},
    {"F (numerator df; the denominator df is in the row's label)",
     "F (tellerens fg; nevnerens fg står i radens etikett)"},
    {"The target population",
     "Målbefolkningen"},
    {"The covariate means and level shares of [compare] target, with their sources.",
     "Kovariatgjennomsnittene og nivåandelene i [compare] target, med kildene."},
    {"Covariate balance of the transport",
     "Kovariatbalansen i overføringen"},
    {"Each arm's covariate means before and after weighting (after: the target's, to the solver's "
     "tolerance).",
     "Hver gruppes kovariatgjennomsnitt før og etter vekting (etter: målets, innenfor løserens toleranse)."},
    {"Transported arm proportions",
     "Overførte andeler per gruppe"},
    {"Each arm's employment weighted to the target population, with its sandwich SE.",
     "Hver gruppes andel i arbeid vektet til målbefolkningen, med sandwich-SE."},
    {"Effective sample size of the weights",
     "Effektiv utvalgsstørrelse for vektene"},
    {"(sum w)^2 / sum w^2: the number of equally weighted participants the weighted arm is worth.",
     "(sum w)^2 / sum w^2: antallet likt vektede deltakere den vektede gruppen er verdt."},
    {"Each arm weighted separately by entropy weights w proportional to exp(x'lambda) whose weighted "
     "covariate means equal the target population's ([compare] target); the effect is the weighted "
     "difference of the arms' outcomes. Sandwich SE of the M-estimator (the weights' estimation included, "
     "the target taken as known), arms independent; over the window every timepoint stacked. Assumes no "
     "unmeasured effect modifiers.",
     "Hver gruppe vektet for seg med entropivekter w proporsjonal med exp(x'lambda) der de vektede "
     "kovariatgjennomsnittene er lik målbefolkningens ([compare] target); virkningen er den vektede "
     "forskjellen i gruppenes utfall. Sandwich-SE for M-estimatoren (estimeringen av vektene tatt med, "
     "målet tatt som kjent), gruppene uavhengige; over tidsvinduet stables hvert tidspunkt. Forutsetter "
     "ingen umålte effektmodifikatorer."},
    {"The trial-registry gap, split",
     "Gapet mellom studie og register, delt opp"},
    {"Trial minus registry = (trial minus transported: explained by who the participants are) + "
     "(transported minus registry: delivery, fidelity, context). The explained part's SE from both "
     "estimates' influence on the same participants; the others' from independent estimates, at the level "
     "the registry interval attains.",
     "Studie minus register = (studie minus overført: forklart av hvem deltakerne er) + (overført minus "
     "register: gjennomføring, trofasthet, kontekst). SE for den forklarte delen fra begge estimatenes "
     "innflytelse på de samme deltakerne; de andres fra uavhengige estimater, på nivået "
     "registerintervallet oppnår."},
    {"the trial's risk differences",
     "studiens risikoforskjeller"},
    {"; Markov cohort model with yearly cycles",
     "; Markov-kohortmodell med årlige sykluser"},
    {"Trial, transported",
     "Studie, overført"},

    /* ---- staggered adoption (rpt_sheet_did.c, rpt_sheet_summary.c) ---- */
    {"%s: areas started IPS in different years (staggered adoption). Averaged over the treated areas and the years "
     "since each started, members had %s %s more than the areas that never started predict "
     "(group-time effects of Callaway & Sant'Anna, %s CI from a cluster bootstrap; it assumes parallel trends).",
     "%s: områdene startet med IPS i ulike år (trinnvis innføring). I gjennomsnitt over områdene med tiltaket og "
     "årene siden hvert av dem startet, hadde medlemmene %s %s mer enn områdene som aldri startet "
     "tilsier (gruppe-tid-virkninger etter Callaway & Sant'Anna, %s KI fra en klyngebootstrap; forutsetter parallelle "
     "trender)."},
    {"%s: areas started IPS in different years (staggered adoption). Averaged over the treated areas and the years "
     "since each started, members had %s %s more than the areas that had not yet started predict "
     "(group-time effects of Callaway & Sant'Anna, %s CI from a cluster bootstrap; it assumes parallel trends).",
     "%s: områdene startet med IPS i ulike år (trinnvis innføring). I gjennomsnitt over områdene med tiltaket og "
     "årene siden hvert av dem startet, hadde medlemmene %s %s mer enn områdene som ennå ikke hadde "
     "startet tilsier (gruppe-tid-virkninger etter Callaway & Sant'Anna, %s KI fra en klyngebootstrap; forutsetter "
     "parallelle trender)."},
    {" The two-way fixed-effects estimate, %s, is biased here",
     " Toveis faste effekter-estimatet, %s, er skjevt her"},
    {": %.0f%% of its weight compares later with already-treated areas",
     ": %.0f %% av vekten sammenligner senere med allerede behandlede områder"},
    {"classical", "klassisk"},
    {"Staggered adoption: treated clusters start in different periods",
     "Trinnvis innføring: klyngene med tiltaket starter i ulike perioder"},
    {"Where the TWFE coefficient comes from (Goodman-Bacon decomposition)",
     "Hvor TWFE-koeffisienten kommer fra (Goodman-Bacon-dekomponering)"},
    {"Weight", "Vekt"},
    {"2x2 estimate (weighted mean)", "2x2-estimat (vektet gjennomsnitt)"},
    {"Treated vs never treated", "Behandlet mot aldri behandlet"},
    {"clean", "ren"},
    {"Earlier vs later treated (before the later start)", "Tidligere mot senere behandlet (før den senere starten)"},
    {"Later vs earlier treated (earlier ones as controls)", "Senere mot tidligere behandlet (de tidligere som kontroller)"},
    {"forbidden: subtracts the change in the earlier clusters' effect",
     "forbudt: trekker fra endringen i de tidligere klyngenes virkning"},
    {"Treated vs always treated", "Behandlet mot alltid behandlet"},
    {"forbidden: already-treated controls", "forbudt: allerede behandlede kontroller"},
    {"Total = the TWFE coefficient", "Sum = TWFE-koeffisienten"},
    {"Group-time effects (Callaway & Sant'Anna 2021): what replaces TWFE here",
     "Gruppe-tid-virkninger (Callaway & Sant'Anna 2021): det som erstatter TWFE her"},
    {"Aggregation", "Aggregering"},
    {"Average effect on the treated (post cells, cohort-size weights)",
     "Gjennomsnittlig virkning for de behandlede (celler etter start, vektet med kohortstørrelse)"},
    {"Average of the cohorts' effects", "Gjennomsnitt av kohortenes virkninger"},
    {"Average over event times 0, 1, ...", "Gjennomsnitt over hendelsestid 0, 1, ..."},
    {"Event study on the group-time effects (years since each cohort's start)",
     "Hendelsesstudie på gruppe-tid-virkningene (år siden hver kohorts start)"},
    {"Event time", "Hendelsestid"},
    {"Pre-trend tests on the pre-period group-time effects", "Tester av førtrend på gruppe-tid-virkningene før start"},
    {"Wald chi-square", "Wald kjikvadrat"},
    {"sup-t (bootstrap)", "sup-t (bootstrap)", SAME},
    {"Effect by cohort (year of the start)", "Virkning etter kohort (startår)"},
    {"Every group-time effect ATT(cohort, year)", "Hver gruppe-tid-virkning ATT(kohort, år)"},
    {"Cell", "Celle"},
    {"Aggregated group-time effects", "Aggregerte gruppe-tid-virkninger"},
    {"simple: post-period cells weighted by cohort size; group_average: the cohorts' mean post effects weighted by "
     "size; event_average: the mean of the event-time effects from 0 on. The estimated weights enter the influence "
     "function (as R did's aggte).",
     "simple: celler etter start vektet med kohortstørrelse; group_average: kohortenes gjennomsnittlige virkning etter "
     "start vektet med størrelse; event_average: gjennomsnittet av virkningene etter hendelsestid fra 0. De estimerte "
     "vektene går inn i influensfunksjonen (som aggte i R-pakken did)."},
    {"Group-time effects by cohort", "Gruppe-tid-virkninger etter kohort"},
    {"The mean of a cohort's post-period ATT(g,t).", "Gjennomsnittet av en kohorts ATT(g,t) etter start."},
    {"Event study on group-time effects", "Hendelsesstudie på gruppe-tid-virkninger"},
    {"ATT(g, g+e) averaged over cohorts with cohort-size weights, for every event time e (negative: pre-trends).",
     "ATT(g, g+e) i gjennomsnitt over kohortene med kohortstørrelse som vekt, for hver hendelsestid e (negativ: "
     "førtrender)."},
    {"Group-time effects ATT(g,t) (staggered adoption)", "Gruppe-tid-virkninger ATT(g,t) (trinnvis innføring)"},
    {"Unconditional Callaway-Sant'Anna: the mean change of cohort g from the base period to t minus that of the "
     "controls (never-treated, or not-yet-treated: cohort later than both periods); base g-1 after the start and t-1 "
     "before it (varying, as R did) or g-1 throughout (universal). SE from the cluster-summed influence function; "
     "interval from a cluster multiplier bootstrap (Rademacher).",
     "Ubetinget Callaway–Sant'Anna: gjennomsnittlig endring i kohort g fra basisperioden til t minus kontrollenes "
     "(aldri behandlet, eller ennå ikke behandlet: kohort senere enn begge periodene); basis g-1 etter start og t-1 "
     "før (varying, som R-pakken did) eller g-1 hele veien (universal). Standardfeil fra influensfunksjonen summert "
     "per klynge; intervall fra en multiplikator-bootstrap over klynger (Rademacher)."},
    {"Pre-trend tests on group-time effects", "Tester av førtrend på gruppe-tid-virkninger"},
    {"Wald chi-square that every pre-period ATT(g,t) is 0 with their cluster covariance (when it is of full rank), and "
     "the sup-t test of the largest |ATT/se| against the multiplier bootstrap.",
     "Wald kjikvadrattest av at hver ATT(g,t) før start er 0, med klyngekovariansen (når den har full rang), og sup-t-"
     "testen av største |ATT/se| mot multiplikator-bootstrapen."},
    {"Goodman-Bacon decomposition of TWFE", "Goodman-Bacon-dekomponering av TWFE"},
    {"Every 2x2 difference-in-differences between two adoption groups that the TWFE coefficient averages, with its "
     "weight (statistic): treated vs never, earlier vs later, and the forbidden later vs earlier (and vs always "
     "treated) comparisons that use already-treated units as controls.",
     "Hver 2x2 forskjell-i-forskjeller mellom to innføringsgrupper som TWFE-koeffisienten er et gjennomsnitt av, med "
     "sin vekt (statistikk): behandlet mot aldri, tidligere mot senere, og de forbudte sammenligningene senere mot "
     "tidligere (og mot alltid behandlet) som bruker allerede behandlede enheter som kontroller."},
    {"Goodman-Bacon decomposition by comparison type", "Goodman-Bacon-dekomponering etter type sammenligning"},
    {"Total weight (statistic) and weighted mean 2x2 estimate per comparison type; total: the weights sum to 1 and "
     "reproduce the TWFE coefficient.",
     "Samlet vekt (statistikk) og vektet gjennomsnittlig 2x2-estimat per type sammenligning; sum: vektene summerer "
     "til 1 og gjenskaper TWFE-koeffisienten."},
    {"Randomisation over placebo clusters (coefficient)", "Randomisering over placeboklynger (koeffisient)"},
    {"Randomisation over placebo clusters (CR1 t-statistic)", "Randomisering over placeboklynger (CR1 t-statistikk)"},
    {"Conley-Taber, Ferman-Pinto size correction", "Conley–Taber, Ferman–Pinto-korreksjon av testnivået"},
    {"Cluster-robust CR1 (xtreg K), t(G-1)", "Klyngerobust CR1 (xtreg K), t(G-1)"},
    {"Cluster-robust CR0 x G/(G-1), t(G-1)", "Klyngerobust CR0 x G/(G-1), t(G-1)"},
    {"Cluster-robust CR1 (xtreg degrees of freedom)", "Klyngerobust CR1 (frihetsgrader som xtreg)"},
    {"As CR1 with K = regressors, non-nested fixed effects and the constant (Stata xtreg, fe); t on G-1 df.",
     "Som CR1 med K = forklaringsvariabler, ikke-nestede faste effekter og konstantleddet (Stata xtreg, fe); t med "
     "G-1 fg."},
    {"Cluster-robust CR0 x G/(G-1)", "Klyngerobust CR0 x G/(G-1)"},
    {"Sandwich with the cluster factor G/(G-1) only; t on G-1 df.",
     "Sandwich med bare klyngefaktoren G/(G-1); t med G-1 fg."},

    {"WARNING, STAGGERED ADOPTION: treated clusters start in %zu different periods, so this TWFE coefficient also "
     "compares later- with earlier-treated clusters, whose changing effects enter with a negative sign (Goodman-Bacon "
     "2021): biased, even in sign, when effects grow with exposure.",
     "ADVARSEL, TRINNVIS INNFØRING: klyngene med tiltaket starter i %zu ulike perioder, så denne TWFE-koeffisienten "
     "sammenligner også senere med tidligere behandlede klynger, og deres skiftende virkninger går inn med negativt "
     "fortegn (Goodman-Bacon 2021): skjev, også i fortegn, når virkningene vokser med eksponeringstiden."},
    {"Per IPS user", "Per IPS-bruker"},
    {"Per member", "Per medlem"},
    {". %s the real-world effect is %s times the trial's; its %s interval is unbounded because the trial's interval "
     "at that level includes no effect",
     ". %s er virkningen i praksis %s ganger studiens; %s-intervallet er ubegrenset fordi studiens intervall på det "
     "nivået inneholder null virkning"},

    /* ---- Provenance (rpt_sheet_provenance.c, rpt_sheet_methods.c) ---- */
    {"ipseval %s", "ipseval %s", SAME},
    {"ipseval %s, GSL %s", "ipseval %s, GSL %s", SAME},
    {"ipseval %s (GNU Scientific Library %s, libxlsxwriter %s)", "ipseval %s (GNU Scientific Library %s, libxlsxwriter %s)",
     SAME},
    {"SOURCE_DATE_EPOCH (reproducible build date)", "SOURCE_DATE_EPOCH (reproduserbar byggedato)"},
    {"Data", "Data", SAME},
    {"as read from the input files", "slik de er lest fra inndatafilene"},
    {"SHA-256", "SHA-256", SAME},
    {"(none)", "(ingen)"},

    /* ---- Cohort, Equity, Workforce (rpt_sheet_practice.c) ---- */
    {"Routine practice: of %s people supported, %s%% got a job (%s interval %s%% to %s%%)",
     "Ordinær drift: av %s personer som fikk støtte, fikk %s %% jobb (%s intervall %s %% til %s %%)"},
    {"; half of everyone supported had a job within %s days (%s to %s; Kaplan-Meier, people still looking followed to "
     "their last day). No control group: this describes the service, not its effect.",
     "; halvparten av alle som fikk støtte hadde jobb innen %s dager (%s til %s; Kaplan–Meier, de som fortsatt søkte "
     "fulgt til sin siste dag). Ingen kontrollgruppe: dette beskriver tjenesten, ikke virkningen av den."},
    {"; fewer than half had a job by the end of follow-up. No control group: this describes the service, not its "
     "effect.",
     "; færre enn halvparten hadde jobb ved slutten av oppfølgingen. Ingen kontrollgruppe: dette beskriver tjenesten, "
     "ikke virkningen av den."},
    {"A single-service cohort: who got a job, how soon, and for how long they were supported",
     "Kohort fra én tjeneste: hvem fikk jobb, hvor raskt, og hvor lenge de fikk støtte"},
    {"One group of people supported in ordinary practice, with no control group: these figures describe the service; "
     "they are not an effect of it.",
     "Én gruppe personer som fikk støtte i ordinær drift, uten kontrollgruppe: tallene beskriver tjenesten; de er ikke "
     "en virkning av den."},
    {"Who got a job", "Hvem fikk jobb"},
    {"Level", "Nivå"},
    {"People", "Personer"},
    {"Got a job", "Fikk jobb"},
    {"Share", "Andel"},
    {"Wilson low", "Wilson nedre"},
    {"Wilson high", "Wilson øvre"},
    {"Exact low", "Eksakt nedre"},
    {"Exact high", "Eksakt øvre"},
    {"Everyone", "Alle"},
    {"Against the benchmark: the share who got a job differs from it by %s percentage points (%s interval %s to %s; "
     "exact binomial test, %s).",
     "Mot sammenligningstallet: andelen som fikk jobb avviker fra det med %s prosentpoeng (%s intervall %s til %s; "
     "eksakt binomisk test, %s)."},
    {"The benchmark:", "Sammenligningstallet:"},
    {"The benchmark: a share of %s%%%s%.*s.", "Sammenligningstallet: en andel på %s %%%s%.*s."},
    {"Time to a first job (Kaplan-Meier; people still without a job at the end of follow-up are censored there)",
     "Tid til første jobb (Kaplan–Meier; de som fortsatt er uten jobb ved slutten av oppfølgingen, sensureres der)"},
    {"Jobs", "Jobber"},
    {"Median days", "Median dager"},
    {"With a job by 6 months", "I jobb innen 6 måneder"},
    {"By 12 months", "Innen 12 måneder"},
    {"By 24 months", "Innen 24 måneder"},
    {"Among the %s people who got a job, the median time to it was %s days (quartiles %s to %s days). This is how "
     "routine-practice studies usually report it; it leaves out everyone still looking, so it is shorter than the "
     "Kaplan-Meier median above.",
     "Blant de %s som fikk jobb, var mediantiden dit %s dager (kvartiler %s til %s dager). Slik rapporterer studier "
     "fra ordinær drift det vanligvis; det utelater alle som fortsatt søker, så det er kortere enn Kaplan–Meier-"
     "medianen over."},
    {"Do the groups differ?", "Er gruppene ulike?"},
    {"Question", "Spørsmål"},
    {"Chi-square", "Kjikvadrat"},
    {"share who got a job", "andel som fikk jobb"},
    {"time to a first job", "tid til første jobb"},
    {"log-rank", "log-rank", SAME},
    {"Share with a job, Wilson score interval", "Andel i jobb, Wilson-intervall"},
    {"Share of the cohort (or of a group) who got a job, with the Wilson score interval.",
     "Andelen av kohorten (eller av en gruppe) som fikk jobb, med Wilson-intervallet."},
    {"Share with a job, exact (Clopper-Pearson) interval", "Andel i jobb, eksakt (Clopper–Pearson) intervall"},
    {"The same share with the exact binomial interval, which never covers less than its stated level.",
     "Den samme andelen med det eksakte binomiske intervallet, som aldri dekker mindre enn sitt oppgitte nivå."},
    {"Difference from a published benchmark, exact binomial test",
     "Forskjell fra et publisert sammenligningstall, eksakt binomisk test"},
    {"Share who got a job minus the benchmark proportion, with the Clopper-Pearson interval shifted by it and the "
     "two-sided exact binomial test (the benchmark is taken as known).",
     "Andelen som fikk jobb minus sammenligningsandelen, med Clopper–Pearson-intervallet forskjøvet tilsvarende og den "
     "tosidige eksakte binomiske testen (sammenligningstallet regnes som kjent)."},
    {"Median time to a first job (Kaplan-Meier), Brookmeyer-Crowley interval",
     "Mediantid til første jobb (Kaplan–Meier), Brookmeyer–Crowley-intervall"},
    {"Kaplan-Meier estimate with people still without a job censored at the end of follow-up; the median is the first "
     "time the curve reaches one half, its interval from the log-transformed pointwise bands.",
     "Kaplan–Meier-estimat der de som fortsatt er uten jobb sensureres ved slutten av oppfølgingen; medianen er første "
     "tidspunkt kurven når en halv, intervallet fra de log-transformerte punktvise båndene."},
    {"Share with a job by a given month (1 - Kaplan-Meier)", "Andel i jobb innen en gitt måned (1 - Kaplan–Meier)"},
    {"One minus the Kaplan-Meier estimate at whole months of 365.25/12 days, with the log interval; the end of "
     "follow-up is treated as censoring (no competing events).",
     "En minus Kaplan–Meier-estimatet ved hele måneder à 365,25/12 dager, med log-intervallet; slutten av oppfølgingen "
     "behandles som sensurering (ingen konkurrerende hendelser)."},
    {"Days to a job among those who got one", "Dager til jobb blant dem som fikk jobb"},
    {"Median and quartiles of the days to a first job among people who got one: conditional on getting a job, as "
     "routine-practice studies report it (not a Kaplan-Meier estimate).",
     "Median og kvartiler av dager til første jobb blant dem som fikk jobb: betinget på å få jobb, slik studier fra "
     "ordinær drift rapporterer det (ikke et Kaplan–Meier-estimat)."},
    {"Shares with a job across groups, Pearson chi-square", "Andeler i jobb på tvers av grupper, Pearsons kjikvadrattest"},
    {"Chi-square test of the groups-by-job table without continuity correction.",
     "Kjikvadrattest av krysstabellen gruppe mot jobb, uten kontinuitetskorreksjon."},
    {"Time to a first job across groups, log-rank test", "Tid til første jobb på tvers av grupper, log-rank-test"},
    {"Log-rank test of equal hazards of a first job across the groups.",
     "Log-rank-test av like hasarder for første jobb i gruppene."},
    {"Equity of access: the group most over-represented among users relative to the reference population is %s "
     "(representation ratio %s, %s interval %s to %s), the most under-represented %s (%s, %s to %s).",
     "Likeverdig tilgang: gruppen som er mest overrepresentert blant brukerne sammenlignet med referansebefolkningen, "
     "er %s (representasjonsforhold %s, %s intervall %s til %s), den mest underrepresenterte %s (%s, %s til %s)."},
    {"Employment specialists: %s leavers per 100 person-years of employment (%s interval %s to %s, exact Poisson)",
     "Jobbspesialister: %s som sluttet per 100 personår i stillingen (%s intervall %s til %s, eksakt Poisson)"},
    {", %s times the benchmark (%s to %s; %s)", ", %s ganger sammenligningstallet (%s til %s; %s)"},
    {"not reached", "ikke nådd"},
    {"In-work support", "Oppfølging i jobb"},
    {"Median %s days of in-work support (quartiles %s to %s days), among %s people with a record.",
     "Median %s dager med oppfølging i jobb (kvartiler %s til %s dager), blant %s personer med registrering."},
    {"%s: %s%% (%s interval %s%% to %s%%).", "%s: %s %% (%s intervall %s %% til %s %%)."},
    {"Equity of access: who uses the service against who could",
     "Likeverdig tilgang: hvem som bruker tjenesten mot hvem som kunne"},
    {"A representation ratio above 1 means the group is over-represented among users relative to the reference "
     "population; below 1, under-represented.",
     "Et representasjonsforhold over 1 betyr at gruppen er overrepresentert blant brukerne sammenlignet med "
     "referansebefolkningen; under 1, underrepresentert."},
    {"Users", "Brukere"},
    {"Share of users", "Andel av brukerne"},
    {"Share of reference", "Andel i referansen"},
    {"Representation ratio", "Representasjonsforhold"},
    {"Exact p", "Eksakt p"},
    {"log-Wald low", "log-Wald nedre"},
    {"log-Wald high", "log-Wald øvre"},
    {"Goodness of fit of the users' groups to the reference population: chi-square %s on %.0f df, %s. %s.",
     "Tilpasning av brukernes grupper til referansebefolkningen: kjikvadrat %s med %.0f fg, %s. %s."},
    {"Outcomes by group (against the largest or the configured comparison group)",
     "Utfall etter gruppe (mot den største eller den valgte sammenligningsgruppen)"},
    {"With the outcome", "Med utfallet"},
    {"Difference (percentage points)", "Forskjell (prosentpoeng)"},
    {"Adjusted odds ratio", "Justert oddsratio"},
    {"p (adjusted)", "p (justert)"},
    {"comparison group", "sammenligningsgruppe"},
    {"The employment specialists: turnover and time in post", "Jobbspesialistene: turnover og tid i stillingen"},
    {"Leavers per 100 person-years of employment (person-years = days employed / 365.25), with exact Poisson "
     "intervals; against the benchmark rate when one is configured.",
     "Antall som slutter per 100 personår i stillingen (personår = dager ansatt / 365,25), med eksakte Poisson-"
     "intervaller; mot sammenligningsraten når en er oppgitt."},
    {"Spells", "Ansettelsesforhold"},
    {"Leavers", "Sluttet"},
    {"Per 100 person-years", "Per 100 personår"},
    {"Ratio to benchmark", "Forhold til sammenligningstallet"},
    {"All sites", "Alle enheter"},
    {"whole follow-up", "hele oppfølgingen"},
    {"Ratio to benchmark:", "Forhold til sammenligningstallet:"},
    {"Ratio to benchmark: the benchmark is %s leavers per 100 person-years%s%.*s.",
     "Forhold til sammenligningstallet: sammenligningstallet er %s som slutter per 100 personår%s%.*s."},
    {"Time in post (Kaplan-Meier; people still employed are censored at the end of follow-up)",
     "Tid i stillingen (Kaplan–Meier; de som fortsatt er ansatt, sensureres ved slutten av oppfølgingen)"},
    {"Median time in post %s years (%s interval %s to %s); %s.", "Median tid i stillingen %s år (%s intervall %s til %s); %s."},
    {"Still in post after %d year%s: %s%% (%s%% to %s%%).", "Fortsatt i stillingen etter %d år%s: %s %% (%s %% til %s %%)."},
    {"Duration of in-work support: median and quartiles", "Varighet av oppfølging i jobb: median og kvartiler"},
    {"Sample quantiles by linear interpolation (R's default, type 7).",
     "Utvalgskvantiler ved lineær interpolasjon (standard i R, type 7)."},
    {"Share needing more in-work support than the limit", "Andel som trenger mer oppfølging i jobb enn grensen"},
    {"Share of people with a support record above the configured number of days, Wilson interval.",
     "Andel personer med registrert oppfølging over det valgte antallet dager, Wilson-intervall."},
    {"Share of users in each group, Wilson interval", "Andel brukere i hver gruppe, Wilson-intervall"},
    {"Each group's share among the service's users.", "Hver gruppes andel blant tjenestens brukere."},
    {"Representation ratio against known reference shares, exact", "Representasjonsforhold mot kjente referanseandeler, eksakt"},
    {"Share among users over a known reference share: the Clopper-Pearson interval of the users' share divided by the "
     "reference share, and the exact binomial test.",
     "Andel blant brukerne delt på en kjent referanseandel: Clopper–Pearson-intervallet for brukernes andel delt på "
     "referanseandelen, og den eksakte binomiske testen."},
    {"Representation ratio, log-Wald interval", "Representasjonsforhold, log-Wald-intervall"},
    {"Normal approximation on the log scale; the reference's variance is added when it is counted.",
     "Normaltilnærming på log-skalaen; referansens varians legges til når den er opptalt."},
    {"Goodness of fit to the reference population", "Tilpasning til referansebefolkningen"},
    {"Pearson chi-square of the users' group counts against the reference shares (k - 1 df); approximate when an "
     "expected count is below 5.",
     "Pearsons kjikvadrattest av brukernes antall per gruppe mot referanseandelene (k - 1 fg); tilnærmet når et "
     "forventet antall er under 5."},
    {"Outcome in each group, Wilson interval", "Utfall i hver gruppe, Wilson-intervall"},
    {"Share of each group with the outcome.", "Andel i hver gruppe med utfallet."},
    {"Outcome difference between groups, Newcombe interval", "Forskjell i utfall mellom grupper, Newcombe-intervall"},
    {"Difference in the share with the outcome against the comparison group, Newcombe's hybrid score interval.",
     "Forskjell i andelen med utfallet mot sammenligningsgruppen, Newcombes hybride score-intervall."},
    {"Outcome ratio between groups, log-Wald interval", "Forholdstall for utfall mellom grupper, log-Wald-intervall"},
    {"Ratio of the shares with the outcome against the comparison group.",
     "Forholdet mellom andelene med utfallet mot sammenligningsgruppen."},
    {"Outcome between groups adjusted for other characteristics", "Utfall mellom grupper justert for andre kjennetegn"},
    {"Odds ratio of the outcome against the comparison group from a logistic regression on the group and the "
     "configured characteristics (complete cases), Wald interval.",
     "Oddsratio for utfallet mot sammenligningsgruppen fra en logistisk regresjon på gruppen og de valgte kjennetegnene "
     "(komplette tilfeller), Wald-intervall."},
    {"Turnover per 100 person-years, exact Poisson interval", "Turnover per 100 personår, eksakt Poisson-intervall"},
    {"Leavers over person-years of employment (days / 365.25) inside the follow-up, times 100, with Garwood's exact "
     "interval.",
     "Antall som sluttet delt på personår i stillingen (dager / 365,25) innenfor oppfølgingen, ganger 100, med "
     "Garwoods eksakte intervall."},
    {"Turnover against a benchmark rate", "Turnover mot en sammenligningsrate"},
    {"Rate over the benchmark (taken as known), with the exact interval divided by it and the two-sided exact Poisson "
     "test, as R poisson.test.",
     "Raten delt på sammenligningsraten (regnet som kjent), med det eksakte intervallet delt på den og den tosidige "
     "eksakte Poisson-testen, som poisson.test i R."},
    {"Time in post (Kaplan-Meier)", "Tid i stillingen (Kaplan–Meier)"},
    {"Kaplan-Meier estimate of years in post for spells begun inside the follow-up; people still employed are censored "
     "at its end.",
     "Kaplan–Meier-estimat av år i stillingen for ansettelsesforhold som startet innenfor oppfølgingen; de som "
     "fortsatt er ansatt, sensureres ved slutten."},
    {"Representation ratio against reference counts, exact", "Representasjonsforhold mot referanseantall, eksakt"},
    {"Share among users over share in the reference population, both counted: the exact conditional interval and test "
     "of a ratio of two Poisson rates (users and reference as independent populations), as R poisson.test.",
     "Andel blant brukerne delt på andel i referansebefolkningen, begge opptalt: det eksakte betingede intervallet og "
     "testen for forholdet mellom to Poisson-rater (brukere og referanse som uavhengige populasjoner), som "
     "poisson.test i R."},

    /* ---- Fidelity: survey phases (rpt_sheet_fidelity.c) ---- */
    {"%s (%s): %zu %s at or below the middle", "%s (%s): %zu %s på eller under midten"},
    {"Consistency of the items", "Indre konsistens i spørsmålene"},
    {"Change across survey phases, every answer used (mixed model: phase as a factor, a random intercept per "
     "respondent, REML)",
     "Endring over målerundene, alle svar brukt (blandet modell: runde som faktor, et tilfeldig konstantledd per "
     "respondent, REML)"},
    {"Phase", "Runde"},
    {"Respondents", "Respondenter"},
    {"Share of the reference phase's respondents who answered", "Andel av referanserundens respondenter som svarte"},
    {"Indicator", "Indikator"},
    {"Phases", "Runder"},
    {"Mean change (%s CI)", "Gjennomsnittlig endring (%s KI)"},
    {"p (Holm)", "p (Holm)", SAME},
    {"Answers", "Svar"},
    {"The model uses every answer, so people who skipped a phase still count (under missing at random); the paired "
     "test below uses only people who answered both the first and the last phase. Holm's adjustment is across the "
     "items for each pair of phases.",
     "Modellen bruker alle svar, så de som hoppet over en runde teller likevel med (forutsatt tilfeldig manglende "
     "data, MAR); den parede testen under bruker bare dem som svarte både i første og siste runde. Holms justering "
     "gjelder på tvers av spørsmålene for hvert par av runder."},
    {"Change across survey phases (the same respondents, paired t test)",
     "Endring over målerundene (de samme respondentene, paret t-test)"},
    {"Paired t test", "Paret t-test"},
    {"Mean change of the same respondents' scores from the first to the last survey phase, t interval on n - 1 df.",
     "Gjennomsnittlig endring i skåren til de samme respondentene fra første til siste målerunde, t-intervall med "
     "n - 1 fg."},
    {"Who answered each survey phase", "Hvem svarte i hver målerunde"},
    {"Respondents with a score in each phase, and the share of the reference phase's respondents who answered it.",
     "Respondenter med skår i hver runde, og andelen av referanserundens respondenter som svarte."},
    {"Survey change over all phases: linear mixed model", "Endring over alle målerunder: lineær blandet modell"},
    {"For the total and each item: phase as a factor and a random intercept per respondent, fitted by REML on every "
     "answer given; each phase against the reference phase with Satterthwaite degrees of freedom; p adjusted by Holm "
     "across the items.",
     "For totalskåren og hvert spørsmål: runde som faktor og et tilfeldig konstantledd per respondent, tilpasset med "
     "REML på alle avgitte svar; hver runde mot referanserunden med Satterthwaite-frihetsgrader; p justert med Holm "
     "på tvers av spørsmålene."},
    {"mean", "gjennomsnitt"},

    /* ---- CEA with several arms, CBA (rpt_sheet_cea.c, rpt_sheet_outcomes.c, rpt_sheet_cba.c) ---- */
    {"; off it: ", "; utenfor den: "},
    {"Outcomes at each timepoint: each intervention arm vs %s", "Utfall ved hvert tidspunkt: hver intervensjonsgruppe mot %s"},
    {" and for each comparison", " og for hver sammenligning"},
    {"dominated", "dominert"},
    {"P(%s best)", "P(%s er best)"},
    {"%s(mean=%.10g, se=%.10g)", "%s(gjennomsnitt=%.10g, sf=%.10g)"},
    {"%s; PSA: %s", "%s; PSA: %s", SAME},
    {"INMB %s", "INMB %s", SAME},
    {"the effects jointly from a multivariate normal with their standard errors and correlation %.3g between every two "
     "effect months (effect.corr)",
     "virkningene samlet fra en flerdimensjonal normalfordeling med sine standardfeil og korrelasjon %.3g mellom hver "
     "to virkningsmåneder (effect.corr)"},
    {"typed into the config", "skrevet inn i oppsettet"},
    {"Value of a QALY (%s)", "Verdien av et QALY (%s)"},
    {"Job-years gained (discounted)", "Vunne jobbår (diskontert)"},
    {"effects from the config", "virkninger fra oppsettet"},
    {"EVPI per person, per QALY", "EVPI per person, per QALY", SAME},
    {"per job-year", "per jobbår"},
    {"Parameter", "Parameter", SAME},
    {"Inf", "Inf", SAME},
    {"not defined: no QALY gained", "ikke definert: ingen QALY vunnet"},
    {"not defined: no job-year gained", "ikke definert: ingen jobbår vunnet"},

    /* ---- every other literal text of the sheets (a check of tests/workbook/msg_coverage.py) ---- */
    {" Counts below %d are shown as \"<%d\" and the percentages that would reveal them as \"" RPT_EM_DASH "\".",
     " Antall under %d vises som \"<%d\", og prosentandeler som ville avsløre dem, som \"" RPT_EM_DASH "\"."},
    {" Counts below %d are shown as \"<%d\"; a percentage that would reveal such a count is shown as \"" RPT_EM_DASH
     "\".",
     " Antall under %d vises som \"<%d\"; en prosentandel som ville avsløre et slikt antall, vises som \"" RPT_EM_DASH
     "\"."},
    {"No outcome is measured at timepoints; time-to-event outcomes (with their censoring) are on their own sheet.",
     "Ingen utfall er målt ved tidspunkter; tid-til-hendelse-utfall (med sensurering) står på eget ark."},
    {"%s (SD n/a)", "%s (SD i.t.)"},
    {"uniform(min=%.10g, max=%.10g)", "uniform(min=%.10g, maks=%.10g)"},
    {"triangular(min=%.10g, mode=%.10g, max=%.10g)", "triangulær(min=%.10g, typetall=%.10g, maks=%.10g)"},
    {"the effects from normal distributions with their standard errors, independent (effect.corr = 0, as the config "
     "says)",
     "virkningene fra normalfordelinger med sine standardfeil, uavhengige (effect.corr = 0, slik oppsettet sier)"},
    {"the effects jointly from a multivariate normal with their standard errors and the correlation matrix of "
     "effect.corr",
     "virkningene samlet fra en flerdimensjonal normalfordeling med sine standardfeil og korrelasjonsmatrisen i "
     "effect.corr"},
    {"the effect from a normal distribution with its standard error",
     "virkningen fra en normalfordeling med sin standardfeil"},
    {"the effects fixed at their estimates", "virkningene holdt fast på sine estimater"},
    {"Per participant, %s. Model and formulas: the live cells below and the Methods sheet.",
     "Per deltaker, %s. Modell og formler: de levende cellene under og arket Metoder."},
    {"bracket %zu: threshold (B) and marginal rate (D); step (E)",
     "trinn %zu: innslagspunkt (B) og marginalsats (D); økning (E)"},
    {"Value of an extra job-year for INMB (%s)", "Verdien av et ekstra arbeidsår for INMB (%s)"},
    {"With a tax schedule the societal NPV is not linear in the wage: its break-even wage is ipseval's value (Brent's "
     "method, %d iterations, tolerance %g), not recalculated.",
     "Med en skattetabell er samfunnets netto nåverdi ikke lineær i lønnen: balanselønnen er verdien ipseval fant "
     "(Brents metode, %d iterasjoner, toleranse %g), og regnes ikke om."},
    {"No probabilistic analysis in this run (psa_draws = 0 or no parameter is uncertain). Per participant, %s.",
     "Ingen probabilistisk analyse i denne kjøringen (psa_draws = 0 eller ingen parameter er usikker). Per deltaker, "
     "%s."},
    {"with the effect held at its %g-month level", "med virkningen holdt på nivået ved %g måneder"},
    {"with the effect fading linearly to 0 over %g year%s after month %g",
     "med virkningen avtagende lineært til 0 over %g år%s etter måned %g"},
    {"with the yearly effects given from year %d (%s)", "med de oppgitte årlige virkningene fra år %d (%s)"},
    {"There is no finite break-even wage: the employment effect is not positive (%s).",
     "Det finnes ingen endelig balanselønn: virkningen på arbeid er ikke positiv (%s)."},
    {"Net present value, %s perspective: %s %s per participant%s",
     "Netto nåverdi, %s perspektiv: %s %s per deltaker%s"},
    {"%s (price year not given)", "%s (prisår ikke oppgitt)"},
    {"deterministic only; scenario analysis over horizons and persistence rules",
     "bare deterministisk; scenarioanalyse over tidshorisonter og varighetsregler"},
    {"Tax schedule: threshold, marginal rate above it, rate step (formula)",
     "Skattetabell: innslagspunkt, marginalsats over det, økning i sats (formel)"},
    {"the sum of the steps x the amount above each threshold",
     "summen av økningene x beløpet over hvert innslagspunkt"},
    {"People treated (scale-up)", "Personer som får tiltaket (oppskalering)"},
    {"cba", "cba", SAME},
    {"cea", "cea", SAME},
    {"Husereau D, Drummond M, Augustovski F, et al. Consolidated Health Economic Evaluation Reporting Standards 2022 "
     "(CHEERS 2022) statement. BMJ 2022;376:e067975",
     "Husereau D, Drummond M, Augustovski F, et al. Consolidated Health Economic Evaluation Reporting Standards 2022 "
     "(CHEERS 2022) statement. BMJ 2022;376:e067975", SAME},
    {"not defined", "ikke definert"},
    {"per QALY", "per QALY", SAME},
    {"persistence path", "varighetsforløp"},
    {"regression intervals only (no bootstrap)", "bare regresjonsintervaller (ingen bootstrap)"},
    {"No bootstrap ([cea] bootstrap = 0): no CE plane, acceptability or EVPI.",
     "Ingen bootstrap ([cea] bootstrap = 0): ingen kostnadseffektivitetsplan, akseptabilitetskurve eller EVPI."},
    {"take_up", "take_up", SAME},
    {"Conley-Taber", "Conley–Taber"},
    {"registry", "registeret"},
    {"employment probability", "sannsynlighet for arbeid"},
    {"employment (share)", "arbeid (andel)"},
    {" Wild cluster bootstrap: %s interval %s to %s, p = %s.", " Vill klyngebootstrap: %s intervall %s til %s, p = %s."},
    {" %s (%s CI).", " %s (%s KI)."},
    {"Goodman-Bacon decomposition: %s", "Goodman-Bacon-dekomponering: %s"},
    {"Wild bootstrap test of %s", "Vill bootstrap-test av %s"},
    {"(the first 512; every row is in the Results sheet)", "(de første 512; alle radene står på arket Resultater)"},
    {"%s: %zu %s at or below the middle", "%s: %zu %s på eller under midten"},
    {"Spearman's rank correlation: not estimated (%s).", "Spearmans rangkorrelasjon: ikke estimert (%s)."},
    {"Weighted regression (weights = participants per site): withheld, as a site's count below %d would follow from it "
     "(disclosure control).",
     "Vektet regresjon (vekter = deltakere per enhet): holdt tilbake, fordi en enhets antall under %d ville kunne "
     "utledes av den (skjerming av små tall)."},
    {"Fidelity (%s, %zu sites): mean total %s.", "Trofasthet (%s, %zu enheter): gjennomsnittlig totalskår %s."},
    {"Fidelity (%s, %zu sites): no review has a total.", "Trofasthet (%s, %zu enheter): ingen måling har totalskår."},
    {"consensus", "konsensus"},
    {"employment rate in the intervention arm", "andel i arbeid i intervensjonsgruppen"},
    {"t-approximation", "t-tilnærming"},
    {"scale", "skala"},
    {"all (main effect)", "alle (hovedeffekt)"},
    {"%s (no %s CI: %s)", "%s (ingen %s KI: %s)"},
    {"With so few studies the between-study variance is imprecise and the interval wide.",
     "Med så få studier er variansen mellom studiene upresis og intervallet bredt."},
    {"the studies agree exactly, so the Knapp-Hartung interval is undefined",
     "studiene stemmer nøyaktig overens, så Knapp–Hartung-intervallet er udefinert"},
    {"undefined", "udefinert"},
    {"pooled effect", "samlet virkning"},
    {" (percentage points)", " (prosentpoeng)"},
    {"log", "log", SAME},
    {"analysis", "analyse"},
    {" The plot shows the first 240 studies.", " Plottet viser de første 240 studiene."},
    {"Outcomes at each timepoint", "Utfall ved hvert tidspunkt"},
    {"mean difference %s", "forskjell i gjennomsnitt %s"},
    {"Median time in post not reached: more than half were still in post at the end of follow-up (%s).",
     "Median tid i stillingen ikke nådd: mer enn halvparten var fortsatt i stillingen ved slutten av oppfølgingen (%s)."},
    {"%d (counts below it are shown as \"<%d\")", "%d (antall under dette vises som \"<%d\")"},
    {"small_cell = %d: every count of people below %d is shown as \"<%d\" in this workbook and in the results file, and "
     "so is every figure that would give it back (its complement, its share, the 2x2-table statistics of its outcome "
     "and timepoint, one more cell of its distribution); %zu result rows have a withheld figure.",
     "small_cell = %d: hvert antall personer under %d vises som \"<%d\" i denne arbeidsboken og i resultatfilen, og det "
     "samme gjelder hvert tall som ville gi det tilbake (komplementet, andelen, 2x2-tabellens statistikker for "
     "utfallet og tidspunktet, én celle til i fordelingen); %zu resultatrader har et tilbakeholdt tall."},
    {"%s: not estimable", "%s: kan ikke estimeres"},
    {"withheld", "holdt tilbake"},
    {"%s minus %s", "%s minus %s", SAME},
    {"each intervention", "hver intervensjon"},
    {" Under disclosure control the counts behind each group's effect are not shown.",
     " Med skjerming av små tall vises ikke antallene bak hver gruppes virkning."},
    {"t intervals", "t-intervaller"},
    {"one-way ANOVA F test", "enveis ANOVA F-test"},
    {"At %s", "Ved %s"},
    {"the proportions of the two groups are not available", "andelene i de to gruppene er ikke tilgjengelige"},
    {"the proportions are not shown because a count behind them is below %d (disclosure control)",
     "andelene vises ikke fordi et antall bak dem er under %d (skjerming av små tall)"},
    {"the difference could not be estimated (%s)", "forskjellen kunne ikke estimeres (%s)"},
    {"%s%s%s were in%s%s%s.", "%s%s%s var i%s%s%s."},
    {"%s, the difference could not be estimated: %s.", "%s, forskjellen kunne ikke estimeres: %s."},
    {"%s%s%s: the means of the two groups are not available.", "%s%s%s: gjennomsnittene i de to gruppene er ikke "
     "tilgjengelige."},
    {"%s%s%s: mean %s in the %s group (n = %s) and %s in the %s group (n = %s); a difference of %s%s.",
     "%s%s%s: gjennomsnitt %s i %s-gruppen (n = %s) og %s i %s-gruppen (n = %s); en forskjell på %s%s."},
    {"not estimable", "kan ikke estimeres"},
    {"Other outcomes", "Andre utfall"},
    {"The trial's intervention and control arms are not named; see the Results sheet.",
     "Studiens intervensjons- og kontrollgruppe er ikke navngitt; se arket Resultater."},
    {"The results name fewer than two arms, so there is no comparison to lay out; the Results sheet has every row.",
     "Resultatene nevner færre enn to grupper, så det er ingen sammenligning å vise; arket Resultater har alle radene."},

    /* ---- the Methods sheet: names and descriptions of every module's table (tests/unit/test_msg.c) ---- */
    {"ANCOVA (least squares)", "ANCOVA (minste kvadraters metode)"},
    {"Outcome regressed on arm and baseline value.", "Utfallet regrediert på gruppe og utgangsverdi."},
    {"Cox proportional hazards model", "Cox' proporsjonale hasarders modell"},
    {"Proportional hazards model.", "Modell med proporsjonale hasarder."},
    {"Complier average causal effect (instrumental variables)",
     "Gjennomsnittlig kausal virkning blant etterlevere (instrumentvariabler)"},
    {"Effect of receiving the intervention among compliers, randomisation as the instrument (Wald ratio, 2SLS).",
     "Virkningen av å motta intervensjonen blant etterlevere, med randomiseringen som instrument (Wald-forhold, 2SLS)."},
    {"First stage of the instrumental-variable analysis", "Første trinn i instrumentvariabelanalysen"},
    {"Difference between arms in the share receiving the intervention, with the instrument's F statistic.",
     "Forskjell mellom gruppene i andelen som mottar intervensjonen, med instrumentets F-statistikk."},
    {"Fleiss' kappa", "Fleiss' kappa", SAME},
    {"Paule-Mandel random effects", "Paule–Mandel tilfeldige effekter"},
    {"Inverse-variance pooling with the Paule-Mandel between-study variance.",
     "Sammenslåing med invers varians og Paule–Mandels varians mellom studier."},
    {"ML random effects", "ML tilfeldige effekter"},
    {"Inverse-variance pooling with the maximum-likelihood between-study variance.",
     "Sammenslåing med invers varians og sannsynlighetsmaksimeringens varians mellom studier."},
    {"ML with Knapp-Hartung", "ML med Knapp–Hartung"},
    {"ML pooling with the Knapp-Hartung SE and t test on k-1 df.",
     "ML-sammenslåing med Knapp–Hartungs standardfeil og t-test med k-1 fg."},
    {"Paule-Mandel with Knapp-Hartung", "Paule–Mandel med Knapp–Hartung"},
    {"Paule-Mandel pooling with the Knapp-Hartung SE and t test on k-1 df.",
     "Paule–Mandel-sammenslåing med Knapp–Hartungs standardfeil og t-test med k-1 fg."},
    {"Mantel-Haenszel", "Mantel–Haenszel"},
    {"Mantel-Haenszel pooled RR, OR or RD of the 2x2 tables (no continuity correction); variances of Greenland and "
     "Robins (RR), Robins, Breslow and Greenland (OR), Sato, Greenland and Robins (RD).",
     "Mantel–Haenszels samlede RR, OR eller RD for 2x2-tabellene (ingen kontinuitetskorreksjon); varianser etter "
     "Greenland og Robins (RR), Robins, Breslow og Greenland (OR), Sato, Greenland og Robins (RD)."},
    {"Cochran's Q (chi-square on k-1 df), tau² with its Q-profile interval, I² = tau²/(tau² + typical within-study "
     "variance) and H².",
     "Cochrans Q (kjikvadrat med k-1 fg), tau² med Q-profil-intervall, I² = tau²/(tau² + typisk varians innen studier) "
     "og H²."},
    {"GEE logistic regression", "GEE logistisk regresjon"},
    {"Population-average log odds ratios across timepoints; working correlation exchangeable, independence or AR(1) "
     "(moment estimates as geepack), robust sandwich standard errors.",
     "Log-oddsratioer på populasjonsnivå over tidspunktene; arbeidskorrelasjon utskiftbar, uavhengig eller AR(1) "
     "(momentestimater som geepack), robuste sandwich-standardfeil."},
    {"GEE linear regression", "GEE lineær regresjon"},
    {"Population-average differences in means across timepoints with robust sandwich standard errors.",
     "Forskjeller i gjennomsnitt på populasjonsnivå over tidspunktene med robuste sandwich-standardfeil."},
    {"First time the Kaplan-Meier estimate reaches 50%; interval from the log-transformed pointwise band.",
     "Første tidspunkt Kaplan–Meier-estimatet når 50 %; intervall fra det log-transformerte punktvise båndet."},
    {"Kaplan-Meier survival at a time", "Kaplan–Meier-overlevelse ved et tidspunkt"},
    {"Proportion without the event at the time, Greenwood standard error, log-transformed interval.",
     "Andel uten hendelsen ved tidspunktet, Greenwoods standardfeil, log-transformert intervall."},
    {"Observed versus expected events per arm under equal hazards.",
     "Observerte mot forventede hendelser per gruppe under like hasarder."},
    {"Cox proportional-hazards regression", "Cox-regresjon (proporsjonale hasarder)"},
    {"Log hazard ratios by partial likelihood (Efron or Breslow handling of ties), model-based standard errors.",
     "Log-hasardratioer ved partiell rimelighetsfunksjon (Efrons eller Breslows behandling av like tider), "
     "modellbaserte standardfeil."},
    {"Adjusted Cox regression", "Justert Cox-regresjon"},
    {"As Cox regression, adjusted for site and covariates.", "Som Cox-regresjon, justert for enhet og kovariater."},
    {"CR2 (Bell-McCaffrey) with Satterthwaite df", "CR2 (Bell–McCaffrey) med Satterthwaite-frihetsgrader"},
    {"Residuals of each cluster scaled by (I - H_gg)^(-1/2) of the full dummy-variable model; t test with the "
     "Satterthwaite degrees of freedom of the working model (as R clubSandwich).",
     "Residualene i hver klynge skalert med (I - H_gg)^(-1/2) fra den fulle modellen med dummyvariabler; t-test med "
     "Satterthwaite-frihetsgradene til arbeidsmodellen (som R-pakken clubSandwich)."},
    {"Restricted wild cluster bootstrap (WCR)", "Restriktiv vill klyngebootstrap (WCR)"},
    {"Null imposed, Rademacher or Webb weights per cluster, full enumeration when 2^G is at most the draws; computed on "
     "cluster sufficient statistics without refitting; interval by test inversion.",
     "Nullhypotesen pålagt, Rademacher- eller Webb-vekter per klynge, fullstendig opptelling når 2^G er høyst antall "
     "trekk; beregnet fra klyngenes tilstrekkelige observatorer uten ny tilpasning; intervall ved testinvertering."},
    {"Synthetic control with placebo test", "Syntetisk kontroll med placebotest"},
    {"Convex weights of control clusters matching the treated cluster's pre-period means; effect = mean gap after "
     "treatment; p = rank of the post/pre RMSPE ratio among all clusters, each control in turn as if treated.",
     "Konvekse vekter på kontrollklyngene som treffer den behandlede klyngens gjennomsnitt før start; virkning = "
     "gjennomsnittlig avstand etter start; p = rangen til forholdet RMSPE etter/før blant alle klynger, med hver "
     "kontroll etter tur som om den var behandlet."},
    {"Intraclass correlation (Shrout-Fleiss forms)", "Intraklassekorrelasjon (Shrout–Fleiss-formene)"},
    {"Two-way ANOVA mean squares of targets x raters; ICC(1,1), (2,1), (3,1) and their k-rater means, F tests against 0 "
     "and F-based intervals (ICC(2,1) by Satterthwaite's approximation).",
     "Gjennomsnittlige kvadratsummer fra toveis ANOVA for objekter x vurderere; ICC(1,1), (2,1), (3,1) og "
     "gjennomsnittene over k vurderere, F-tester mot 0 og F-baserte intervaller (ICC(2,1) med Satterthwaites "
     "tilnærming)."},
    {"Chance-corrected agreement of two raters on categories; interval kappa +- z SE with the large-sample variance of "
     "Fleiss, Cohen and Everitt, clamped to [-1, 1].",
     "Sjansekorrigert enighet mellom to vurderere om kategorier; intervall kappa +- z SE med storutvalgsvariansen til "
     "Fleiss, Cohen og Everitt, avgrenset til [-1, 1]."},
    {"Cohen's kappa with agreement weights 1 - |i-j|/(k-1) (linear) or 1 - (i-j)^2/(k-1)^2 (quadratic) over the k "
     "categories; large-sample variance of Fleiss, Cohen and Everitt (as vcd::Kappa; psych 2.2.9's differs, see the "
     "methods notes).",
     "Cohens kappa med enighetsvekter 1 - |i-j|/(k-1) (lineær) eller 1 - (i-j)^2/(k-1)^2 (kvadratisk) over de k "
     "kategoriene; storutvalgsvariansen til Fleiss, Cohen og Everitt (som vcd::Kappa; psych 2.2.9 avviker, se "
     "metodenotatene)."},
    {"Agreement of several raters on nominal categories; SE under the null hypothesis of chance agreement for the z "
     "test.",
     "Enighet mellom flere vurderere om nominelle kategorier; standardfeil under nullhypotesen om tilfeldig enighet, "
     "for z-testen."},
    {"Internal consistency k/(k-1) (1 - sum of item variances / variance of the total) over reviews (or respondents) "
     "with every item scored; Feldt's F interval; alpha with each item left out.",
     "Indre konsistens k/(k-1) (1 - summen av punktvariansene / variansen til totalen) over målinger (eller "
     "respondenter) med alle punkter skåret; Feldts F-intervall; alfa med hvert punkt utelatt."},
    {"Benjamini-Hochberg adjustment", "Benjamini–Hochberg-justering"},
    {"False discovery rate control over the secondary outcomes' main tests; the primary outcome is not adjusted.",
     "Kontroll av andelen falske funn over hovedtestene for de sekundære utfallene; hovedutfallet justeres ikke."},

    /* ---- texts written through a variable (headers, alternatives, validation messages, formula answers) ---- */
    {"GEE AR(1)", "GEE AR(1)", SAME},
    {"GLMM Laplace", "GLMM Laplace", SAME},
    {"GLMM adaptive G-H", "GLMM adaptiv G-H"},
    {"LMM REML", "LMM REML", SAME},
    {"LMM ML", "LMM ML", SAME},
    {"Holm", "Holm", SAME},
    {"Benjamini-Hochberg", "Benjamini–Hochberg"},
    {"Rate (%)", "Andel (%)"},
    {"Employment rate (%)", "Andel i arbeid (%)"},
    {"Trial minus registry per member", "Studie minus register per medlem"},
    {"Main results", "Hovedresultater"},
    {"RMST", "RMST", SAME},
    {"extendedly dominated", "utvidet dominert"},
    {"ICER per QALY", "ICER per QALY", SAME},
    {"INMB per QALY", "INMB per QALY", SAME},
    {"Normal quantile of the confidence level", "Normalfordelingskvantil for konfidensnivået"},
    {"for the delta-method and Fieller intervals", "for intervallene etter deltametoden og Fieller"},
    {"not set", "ikke satt"},
    {"The results name fewer than two arms, so there is no comparison to show; the Results sheet has every row.",
     "Resultatene nevner færre enn to grupper, så det er ingen sammenligning å vise; arket Resultater har alle radene."},
    {"The trial's outcomes are times to an event: see the Time to job sheet.",
     "Studiens utfall er tid til en hendelse: se arket Tid til jobb."},
    {"(currency not given)", "(valuta ikke oppgitt)"},
    {"the yearly effects of the later years are given (blue cells in the rule's column below)",
     "de årlige virkningene i de senere årene er oppgitt (blå celler i regelens kolonne under)"},
    {"no finite break-even wage", "ingen endelig balanselønn"},
    {"no finite wage", "ingen endelig lønn"},
    {"not defined: no costs", "ikke definert: ingen kostnader"},
    {"not defined: no extra person employed", "ikke definert: ingen flere i arbeid"},
    {"Not a valid value", "Ikke en gyldig verdi"},
    {"A threshold is at least 0.", "Et innslagspunkt er minst 0."},
    {"A marginal rate is from 0 to 1.", "En marginalsats er fra 0 til 1."},
    {"The population is a number of people greater than 0.", "Befolkningen er et antall personer større enn 0."},
    {"The take-up is a share greater than 0, at most 1.", "Oppslutningen er en andel større enn 0, høyst 1."},
    {"The number treated is greater than 0.", "Antallet som får tiltaket, er større enn 0."},
    {"An employment effect is a difference of proportions from -1 to 1.",
     "En virkning på arbeid er en forskjell i andeler fra -1 til 1."},
    {"A number of years greater than 0.", "Et antall år større enn 0."},
    {"A yearly employment effect is from -1 to 1.", "En årlig virkning på arbeid er fra -1 til 1."},
    {"A break-even wage is greater than 0.", "En balanselønn er større enn 0."},

    /* ---- Baseline ---- */
    {"(SD n/a)",
     "(SD i.t.)"},
    {"Standardised difference, %s vs %s",
     "Standardisert forskjell, %s mot %s"},
    {"%s, mean (SD)",
     "%s, gjennomsnitt (SD)"},
    {"n (%%): number and share of those with a value. Median (quartiles): the 25th and 75th percentiles, "
     "R's default (type 7). A characteristic without a \"missing\" row has a value for everyone. No "
     "p-values: in a randomised trial baseline differences are due to chance by construction, so testing "
     "them is not meaningful (CONSORT 2010, item 15).%s",
     "n (%%): antall og andel av dem med en verdi. Median (kvartiler): 25. og 75. persentil, Rs standard "
     "(type 7). Et kjennetegn uten en rad for «mangler» har en verdi for alle. Ingen p-verdier: i en "
     "randomisert studie skyldes forskjeller ved start tilfeldigheter per konstruksjon, så å teste dem "
     "gir ikke mening (CONSORT 2010, punkt 15).%s"},
    {"Baseline characteristics by arm (CONSORT table 1)",
     "Kjennetegn ved start etter gruppe (CONSORT tabell 1)"},
    {"Participants as randomised (intention to treat). Numeric characteristics: mean (SD) and median "
     "(quartiles); categorical ones: n (%) of those with a value.",
     "Deltakere som randomisert (intention to treat). Numeriske kjennetegn: gjennomsnitt (SD) og median "
     "(kvartiler); kategoriske: n (%) av dem med en verdi."},
    {"Characteristic",
     "Kjennetegn"},
    {"    median (quartiles)",
     "    median (kvartiler)"},
    {"    missing, n",
     "    mangler, n"},
    {" Standardised difference: difference in means (or proportions) over the root mean of the two arms' "
     "variances (Austin 2009); an absolute value above 0.1 is often read as a notable imbalance.",
     " Standardisert forskjell: forskjell i gjennomsnitt (eller andeler) delt på roten av gjennomsnittet "
     "av de to gruppenes varianser (Austin 2009); en absoluttverdi over 0,1 leses ofte som en merkbar "
     "ubalanse."},

    /* ---- Attrition ---- */
    {"%s missing, n",
     "%s mangler, n"},
    {"%s missing, %%",
     "%s mangler, %%"},
    {"Missingness by arm, chi-square",
     "Manglende etter gruppe, kjikvadrat"},
    {"%s analysed, n",
     "%s analysert, n"},
    {"%s missing, n (%%)",
     "%s mangler, n (%%)"},
    {"Analysed: participants with the outcome observed at that timepoint. Missing: randomised but without "
     "the outcome, as a share of those randomised to the arm. Missingness by arm: Pearson chi-square test "
     "of arm by missing (no continuity correction); a small p suggests drop-out differs between arms, "
     "which can bias a complete-case comparison. Where a test is not possible the cell says why.",
     "Analysert: deltakere med utfallet observert ved tidspunktet. Mangler: randomisert, men uten "
     "utfallet, som andel av dem som ble randomisert til gruppen. Frafall etter gruppe: Pearsons "
     "kjikvadrattest av gruppe mot manglende (uten kontinuitetskorreksjon); en liten p tyder på at "
     "frafallet er ulikt mellom gruppene, noe som kan skjevfordele en sammenligning av komplette "
     "tilfeller. Der en test ikke er mulig, sier cellen hvorfor."},
    {"Attrition: randomised, analysed and missing by arm (CONSORT flow)",
     "Frafall: randomiserte, analyserte og manglende etter gruppe (CONSORT-flyt)"},
    {"Intention to treat: every participant counts in the arm randomised to; a participant whose outcome "
     "is missing at a timepoint leaves that timepoint's analysis only.",
     "Intention to treat: hver deltaker teller i gruppen den ble randomisert til; en deltaker som mangler "
     "utfallet ved et tidspunkt, faller bare ut av analysen for det tidspunktet."},
    {"Randomised",
     "Randomisert"},
    {"Total",
     "Totalt"},
    {"Participants",
     "Deltakere"},
    {"Missingness by arm, chi-square (df)",
     "Frafall etter gruppe, kjikvadrat (fg)"},

    /* ---- Outcomes ---- */
    {"Outcomes at each timepoint: %s vs %s",
     "Utfall ved hvert tidspunkt: %s mot %s"},
    {"One row per outcome and timepoint%s. Differences are intervention minus control; intervals are %s "
     "confidence intervals.",
     "Én rad per utfall og tidspunkt%s. Forskjellene er intervensjon minus kontroll; intervallene er %s "
     "konfidensintervaller."},
    {"%s%sCI",
     "%s%sKI"},
    {"Binary outcomes. n: participants analysed; %%: share with the outcome (Wilson interval on the "
     "Results sheet). Risk difference in percentage points with Newcombe's hybrid score interval; NNT: "
     "number needed to treat, 1/RD with the reciprocal limits, reported only when the RD interval "
     "excludes 0 (Altman 1998; negative = harm). Risk ratio with the log (Katz) interval; odds ratio with "
     "Woolf's interval and the conditional maximum-likelihood estimate with its exact interval (as R "
     "fisher.test); p from Pearson's chi-square test and Fisher's exact test. Logistic adjusted: logistic "
     "regression on arm and the adjustment set - site, covariates and the outcome's baseline, as "
     "configured (the Results sheet has every coefficient and the unadjusted model). Risk difference "
     "adjusted: the marginal (standardised) difference by g-computation from that model, with a "
     "delta-method interval, and its NNT.",
     "Ja/nei-utfall. n: analyserte deltakere; %%: andel med utfallet (Wilson-intervall på arket "
     "Resultater). Risikoforskjell i prosentpoeng med Newcombes hybride skårintervall; NNT: antall som må "
     "behandles, 1/RD med de inverse grensene, oppgitt bare når RD-intervallet utelukker 0 (Altman 1998; "
     "negativ = skade). Risikoratio med log-intervallet (Katz); oddsratio med Woolfs intervall og det "
     "betingede sannsynlighetsmaksimerende estimatet med sitt eksakte intervall (som R fisher.test); p "
     "fra Pearsons kjikvadrattest og Fishers eksakte test. Justert logistisk: logistisk regresjon på "
     "gruppe og justeringssettet – enhet, kovariater og utfallets verdi ved start, som konfigurert (arket "
     "Resultater har hver koeffisient og den ujusterte modellen). Justert risikoforskjell: den marginale "
     "(standardiserte) forskjellen ved g-beregning fra den modellen, med et deltametode-intervall, og "
     "dens NNT."},
    {"Continuous outcomes. Mean (SD) of those analysed. Welch: difference in means with the "
     "unequal-variance t interval; Student: pooled-variance t. ANCOVA: least squares on arm and the "
     "adjustment set (the baseline value, site and covariates, as configured), the arm coefficient with "
     "classical, HC2 or HC3 (heteroskedasticity-consistent) standard errors and t on the residual df. "
     "Hedges' g: standardised difference with the exact small-sample correction and its interval. "
     "Wilcoxon rank-sum: normal approximation with tie and continuity corrections, as R wilcox.test(exact "
     "= FALSE).",
     "Kontinuerlige utfall. Gjennomsnitt (SD) for de analyserte. Welch: forskjell i gjennomsnitt med "
     "t-intervallet for ulike varianser; Student: t med felles varians. ANCOVA: minste kvadraters metode "
     "på gruppe og justeringssettet (verdien ved start, enhet og kovariater, som konfigurert), "
     "gruppekoeffisienten med klassiske, HC2- eller HC3-standardfeil (robuste mot heteroskedastisitet) og "
     "t på residualfrihetsgradene. Hedges' g: standardisert forskjell med den eksakte korreksjonen for "
     "små utvalg og sitt intervall. Wilcoxons rangsumtest: normaltilnærming med korreksjon for like "
     "verdier og kontinuitet, som R wilcox.test(exact = FALSE)."},
    {"p adjusted: %s.",
     "p justert: %.0sjustert for multiple tester over de sekundære utfallenes hovedtester; metoden, "
     "familien og antallet tester står i etiketten (label) til multiplisitetsraden på arket Resultater."},
    {"Where an estimate is undefined the cell says why.%s",
     "Der et estimat ikke er definert, sier cellen hvorfor.%s"},
    {"Binary outcomes",
     "Ja/nei-utfall"},
    {"not reported: the RD interval includes 0",
     "ikke oppgitt: RD-intervallet inneholder 0"},
    {"primary: not adjusted",
     "primært: ikke justert"},
    {"Continuous outcomes",
     "Kontinuerlige utfall"},
    {"Binary outcomes: arms and the risk difference",
     "Ja/nei-utfall: gruppene og risikoforskjellen"},
    {"Binary outcomes: ratios and the exact test",
     "Ja/nei-utfall: forholdstall og den eksakte testen"},
    {"Binary outcomes: adjusted for baseline covariates (logistic regression)",
     "Ja/nei-utfall: justert for kovariater ved start (logistisk regresjon)"},
    {"Continuous outcomes: arms (mean and SD of those analysed)",
     "Kontinuerlige utfall: gruppene (gjennomsnitt og SD for de analyserte)"},
    {"Continuous outcomes: unadjusted differences",
     "Kontinuerlige utfall: ujusterte forskjeller"},
    {"Continuous outcomes: adjusted (ANCOVA)",
     "Kontinuerlige utfall: justert (ANCOVA)"},
    {"Continuous outcomes: ANCOVA residual df and the multiplicity-adjusted p",
     "Kontinuerlige utfall: ANCOVA-residualfrihetsgrader og p justert for multiple tester"},
    {"Continuous outcomes: ANCOVA residual df",
     "Kontinuerlige utfall: ANCOVA-residualfrihetsgrader"},

    /* ---- Subgroups ---- */
    {"Effect (%s CI)",
     "Virkning (%s KI)"},
    {"%s vs %s",
     "%s mot %s"},
    {"Effect: %s minus %s within the group - for binary outcomes the risk difference in percentage points "
     "with Newcombe's interval (Data: events/n in each arm), for continuous outcomes the difference in "
     "means with Welch's interval. Interaction test: does the effect differ between the groups? Binary "
     "outcomes: likelihood-ratio test of a logistic model in which the effect may differ between the groups "
     "against one with the same effect in every group; continuous: the F test of the same linear models. A group with no events (or only events) has no "
     "finite logistic interaction model: the cell says so and the groups' risk differences are still "
     "shown.%s",
     "Virkning: %s minus %s innad i gruppen – for ja/nei-utfall risikoforskjellen i prosentpoeng med "
     "Newcombes intervall (Data: hendelser/n i hver gruppe), for kontinuerlige utfall forskjellen i "
     "gjennomsnitt med Welchs intervall. Samspillstest: er virkningen ulik mellom gruppene? "
     "Ja/nei-utfall: likelihood-ratio-test av en logistisk modell der virkningen kan variere mellom gruppene, "
     "mot en med samme virkning i alle grupper; "
     "kontinuerlige: F-testen av de samme lineære modellene. En gruppe uten hendelser (eller bare "
     "hendelser) har ingen endelig logistisk samspillsmodell: cellen sier det, og gruppenes "
     "risikoforskjeller vises likevel.%s"},
    {"Equity: who takes part and who gains, %s",
     "Likeverd: hvem som deltar og hvem som får nytte, %s"},
    {"%s arm, %s %s (%s CI)",
     "%s-gruppen, %s %s (%s KI)"},
    {"Randomised: the group's share of everyone randomised with a value (access: who takes part). The "
     "outcome columns: the %s arm by group, with %s (who gains); the last row of each subgroup tests "
     "whether the groups differ in that arm (%s). The UK routine-practice studies of IPS report access "
     "and outcome by group this way; the interaction tests above say whether the effect itself differs.",
     "Randomisert: gruppens andel av alle randomiserte med en verdi (tilgang: hvem som deltar). "
     "Utfallskolonnene: %s-gruppen etter undergruppe, med %s (hvem som får nytte); siste rad i hver "
     "undergruppe tester om gruppene er ulike i denne armen (%s). De britiske studiene av IPS i ordinær "
     "drift rapporterer tilgang og utfall etter gruppe på denne måten; samspillstestene over sier om "
     "selve virkningen er ulik."},
    {"%s%s%s%s%s: effect by subgroup (p: interaction test)",
     "%s%s%s%s%s: virkning etter undergruppe (p: samspillstest)"},
    {"%s, %s (%s CI)",
     "%s, %s (%s KI)"},
    {"Subgroups: does the effect differ between groups?",
     "Undergrupper: er virkningen ulik mellom grupper?"},
    {"Read the interaction test first: it asks whether the effect differs between the groups. An interval "
     "that excludes 0 in one group and not in another is not evidence of a difference.",
     "Les samspillstesten først: den spør om virkningen er ulik mellom gruppene. Et intervall som "
     "utelukker 0 i én gruppe og ikke i en annen, er ikke bevis for en forskjell."},
    {"Subgroup",
     "Undergruppe"},
    {"Group",
     "Gruppe"},
    {"Comparison",
     "Sammenligning"},
    {"Interaction p",
     "Samspill p"},
    {"Interaction test",
     "Samspillstest"},
    {"Randomised, n (%)",
     "Randomisert, n (%)"},
    {"Difference between groups",
     "Forskjell mellom grupper"},
    {"Forest plot data (the chart reads these cells)",
     "Data til skogplottet (diagrammet leser disse cellene)"},
    {"Row",
     "Rad"},
    {"Low",
     "Lav"},
    {"High",
     "Høy"},
    {"Heading x",
     "Overskrift x"},
    {"Heading y",
     "Overskrift y"},
    {"Label x",
     "Etikett x"},
    {"Label y",
     "Etikett y"},
    {"All participants",
     "Alle deltakere"},
    {"No effect (line)",
     "Ingen virkning (linje)"},
    {"Pearson chi-square",
     "Pearsons kjikvadrattest"},
    {"Wilson intervals",
     "Wilson-intervaller"},
    {" at ",
     " ved "},
    {"Risk difference, percentage points",
     "Risikoforskjell, prosentpoeng"},
    {"%s events",
     "%s hendelser"},
    {"%s n",
     "%s n", SAME},
    {"%s%s: %s",
     "%s%s: %s", SAME},
    {" at %s %s",
     " ved %s %s"},
    {" at %s",
     " ved %s"},
    {"risk difference, percentage points",
     "risikoforskjell, prosentpoeng"},
    {"difference in means (Welch)",
     "forskjell i gjennomsnitt (Welch)"},
    {"Randomised, n",
     "Randomisert, n"},
    {"Randomised, %",
     "Randomisert, %"},
    {"    difference between groups",
     "    forskjell mellom grupper"},
    {"Effect: %s minus %s within the group - for binary outcomes the risk difference in percentage points with "
     "Newcombe's interval (events: participants with the outcome in each arm), for continuous outcomes the difference "
     "in means with Welch's interval. Interaction test: does the effect differ between the groups? Binary outcomes: "
     "likelihood-ratio test of a logistic model in which the effect may differ between the groups against one with "
     "the same effect in every group; continuous: the F test of the same linear models. A group with no events (or "
     "only events) has no finite logistic interaction model: the row says so and the groups' risk differences are "
     "still shown.%s",
     "Virkning: %s minus %s innad i gruppen – for ja/nei-utfall risikoforskjellen i prosentpoeng med Newcombes "
     "intervall (hendelser: deltakere med utfallet i hver gruppe), for kontinuerlige utfall forskjellen i "
     "gjennomsnitt med Welchs intervall. Samspillstest: er virkningen ulik mellom gruppene? Ja/nei-utfall: "
     "likelihood-ratio-test av en logistisk modell der virkningen kan variere mellom gruppene, mot en med samme "
     "virkning i alle grupper; kontinuerlige: F-testen av de samme lineære modellene. En gruppe uten hendelser (eller "
     "bare hendelser) har ingen endelig logistisk samspillsmodell: raden sier det, og gruppenes risikoforskjeller "
     "vises likevel.%s"},

    /* ---- Power ---- */
    {"Power of the next trial: %s%s%s%s%s",
     "Styrken til neste studie: %s%s%s%s%s"},
    {"difference %s percentage points",
     "forskjell %s prosentpoeng"},
    {"Power, %s",
     "Styrke, %s"},
    {"%s Monte Carlo interval",
     "%s Monte Carlo-intervall"},
    {"Smallest total size on the grid with at least %.0f%% power:",
     "Minste totale størrelse i rutenettet med minst %.0f %% styrke:"},
    {"How each trial is simulated and tested is in the label of each row on the Results sheet (the "
     "control proportion or SD, configured or observed in this trial; the test; the significance level). "
     "The Monte Carlo interval is the Wilson interval of the share of significant trials: it shows how "
     "much the estimate of power itself could move with more draws.",
     "Hvordan hver studie er simulert og testet står i etiketten til hver rad på arket Resultater "
     "(andelen eller SD i kontrollgruppen, konfigurert eller observert i denne studien; testen; "
     "signifikansnivået). Monte Carlo-intervallet er Wilson-intervallet for andelen signifikante studier: "
     "det viser hvor mye selve styrkeestimatet kunne flytte seg med flere trekk."},
    {"Power by total sample size",
     "Styrke etter total utvalgsstørrelse"},
    {"Share of simulated trials whose primary analysis is significant, by total sample size (1:1 or the "
     "configured allocation) and true effect. For planning; not a result of this trial.",
     "Andel simulerte studier der primæranalysen er signifikant, etter total utvalgsstørrelse (1:1 eller "
     "den konfigurerte fordelingen) og sann virkning. Til planlegging; ikke et resultat av denne studien."},
    {"Total sample size",
     "Total utvalgsstørrelse"},

    /* ---- Longitudinal ---- */
    {"%s: %s by timepoint",
     "%s: %s etter tidspunkt"},
    {"The trial over time: one model across all timepoints",
     "Studien over tid: én modell over alle tidspunkter"},
    {"Each outcome measured at several timepoints is analysed once across them, clusters = participants. "
     "GEE gives the population-average effect (robust standard errors; exchangeable, independence and "
     "AR(1) working correlation); the mixed models (GLMM for binary outcomes, LMM for continuous ones) "
     "give the effect for a given participant (random intercept), which for odds ratios is further from 1 "
     "than the population-average one. The first column is the analysis of that timepoint alone.",
     "Hvert utfall målt ved flere tidspunkter analyseres én gang over dem alle, klynger = deltakere. GEE "
     "gir virkningen i gjennomsnitt for befolkningen (robuste standardfeil; utskiftbar, uavhengig og "
     "AR(1) arbeidskorrelasjon); de blandede modellene (GLMM for ja/nei-utfall, LMM for kontinuerlige) "
     "gir virkningen for en gitt deltaker (tilfeldig konstantledd), som for oddsratioer ligger lenger fra "
     "1 enn gjennomsnittet for befolkningen. Første kolonne er analysen av det tidspunktet alene."},
    {"This timepoint alone",
     "Dette tidspunktet alene"},
    {"Population-average odds ratio (GEE)",
     "Oddsratio i gjennomsnitt for befolkningen (GEE)"},
    {"Subject-specific odds ratio (GLMM): another quantity, not comparable with GEE",
     "Individspesifikk oddsratio (GLMM): en annen størrelse, ikke sammenlignbar med GEE"},
    {"Per timepoint (Woolf)",
     "Per tidspunkt (Woolf)"},
    {"GEE exchangeable",
     "GEE utskiftbar"},
    {"GEE independence",
     "GEE uavhengig"},
    {"Model",
     "Modell"},
    {"Quantity",
     "Størrelse"},
    {"Population-average difference (GEE)",
     "Forskjell i gjennomsnitt for befolkningen (GEE)"},
    {"Subject-specific difference (LMM; equals the average one for a linear model)",
     "Individspesifikk forskjell (LMM; lik gjennomsnittet for en lineær modell)"},
    {"Per timepoint (Welch)",
     "Per tidspunkt (Welch)"},
    {"odds ratio (95% CI)",
     "oddsratio (95 % KI)"},
    {"difference in means (95% CI)",
     "forskjell i gjennomsnitt (95 % KI)"},
    {"working correlation",
     "arbeidskorrelasjon"},
    {"random-intercept SD",
     "SD for tilfeldig konstantledd"},
    {"between-participant SD (random intercept)",
     "SD mellom deltakere (tilfeldig konstantledd)"},
    {"within-participant (residual) SD",
     "SD innen deltaker (residual)"},
    {"intraclass correlation",
     "intraklassekorrelasjon"},
    {"Working correlation: the GEE's moment estimate, as R's geepack. ",
     "Arbeidskorrelasjon: GEE-modellens momentestimat, som Rs geepack. "},
    {"Intraclass correlation: the share of the variance between participants, SD(random intercept)\xc2\xb2 / "
     "(SD(random intercept)\xc2\xb2 + SD(residual)\xc2\xb2). ",
     "Intraklassekorrelasjon: andelen av variansen som ligger mellom deltakere, SD(tilfeldig konstantledd)\xc2\xb2 / "
     "(SD(tilfeldig konstantledd)\xc2\xb2 + SD(residual)\xc2\xb2). "},

    /* ---- Time to job ---- */
    {"Log-rank test: chi-square %.2f on %.0f df, p = %s",
     "Log-rank-test: kjikvadrat %.2f med %.0f fg, p = %s"},
    {"Restricted mean time without the event up to tau = %s",
     "Begrenset gjennomsnittlig tid uten hendelsen fram til tau = %s"},
    {"Kaplan-Meier: %s",
     "Kaplan–Meier: %s"},
    {"Time to the event (e.g. time to first job)",
     "Tid til hendelsen (f.eks. tid til første jobb)"},
    {"Kaplan-Meier estimate per arm (Greenwood standard errors, log-transformed 95% intervals, as R's "
     "survival package); the median is the first time at which half have had the event. Log-rank test; "
     "Cox proportional-hazards model, hazard ratio > 1 = the event comes sooner in the intervention arm "
     "(Efron and Breslow handling of ties; adjusted for site and covariates where configured).",
     "Kaplan–Meier-estimat per gruppe (Greenwoods standardfeil, log-transformerte intervaller på 95 %, "
     "som Rs survival-pakke); medianen er første tidspunkt der halvparten har hatt hendelsen. "
     "Log-rank-test; Cox-modell for proporsjonale hasarder, hasardratio > 1 = hendelsen kommer tidligere "
     "i intervensjonsgruppen (Efron- og Breslow-håndtering av like tider; justert for enhet og kovariater "
     "der det er konfigurert)."},
    {"Arm",
     "Gruppe"},
    {"Events",
     "Hendelser"},
    {"Median (95% CI)",
     "Median (95 % KI)"},
    {"Hazard ratio",
     "Hasardratio"},
    {"Term",
     "Ledd"},
    {"HR (95% CI)",
     "HR (95 % KI)"},
    {"Cox, Efron ties",
     "Cox, Efron for like tider"},
    {"Cox, Breslow ties",
     "Cox, Breslow for like tider"},
    {"Cox adjusted, Efron",
     "Cox justert, Efron"},
    {"Cox adjusted, Breslow",
     "Cox justert, Breslow"},
    {"Proportional hazards",
     "Proporsjonale hasarder"},
    {"Chi-square (df)",
     "Kjikvadrat (fg)"},
    {"Score test that a log hazard ratio changes with g(t) = 1 - KM(t-) (Grambsch & Therneau 1994; R's "
     "cox.zph, transform = \"km\"). A small p says the hazard ratio is not one number over follow-up: "
     "read the restricted mean time above instead.",
     "Skårtest for at en log-hasardratio endrer seg med g(t) = 1 - KM(t-) (Grambsch & Therneau 1994; Rs "
     "cox.zph, transform = \"km\"). En liten p sier at hasardratioen ikke er ett tall over oppfølgingen: "
     "les heller den begrensede gjennomsnittstiden ovenfor."},
    {"Arm / comparison",
     "Gruppe / sammenligning"},
    {"Difference",
     "Forskjell"},
    {"Ratio",
     "Forhold"},
    {"time",
     "tid"},
    {"Number at risk",
     "Antall under risiko"},
    {"Estimate (95% CI)",
     "Estimat (95 % KI)"},
    {"Median not reached: the estimated share without the event stays above 50% up to the end of follow-up. S(t): % "
     "without the event at time t.",
     "Medianen er ikke nådd: den estimerte andelen uten hendelsen holder seg over 50 % til slutten av oppfølgingen. "
     "S(t): % uten hendelsen ved tid t."},
    {"global test",
     "samlet test"},
    {"S(%s) (%s CI)",
     "S(%s) (%s KI)"},
    {"The adjusted models' test of each covariate is on the Results sheet (analysis ph_test).",
     "De justerte modellenes test for hver kovariat står på arket Resultater (analysen ph_test)."},

    /* ---- Fidelity ---- */
    {"Fidelity: %s",
     "Trofasthet: %s"},
    {"%zu site%s, %zu review round%s.%s",
     "%zu enhet(er)%.0s, %zu målerunde(r)%.0s.%s"},
    {"Bands: ",
     "Nivåer: "},
    {"%s%s %g or more",
     "%s%s %g eller mer"},
    {"; %s below %g",
     "; %s under %g"},
    {"Fidelity total by site%s",
     "Trofasthet, totalskår etter enhet%s"},
    {"Each cell is the review's %s score of one item, coloured from %d (red) through %g (yellow) to %d "
     "(green).%s",
     "Hver celle er målingens %s-skår for ett punkt, farget fra %d (rød) via %g (gul) til %d (grønn).%s"},
    {"Alpha if the item is left out (all items: %s)",
     "Alfa hvis punktet utelates (alle punkter: %s)"},
    {"Up to %d items per site scored at or below the middle of the scale, lowest first, with what the "
     "next level asks (anchor text where the scale has it).",
     "Opptil %d punkter per enhet med skår på eller under midten av skalaen, lavest først, med hva neste "
     "nivå krever (ankertekst der skalaen har den)."},
    {"%s (%s, %s): %zu %s at or below the middle",
     "%s (%s, %s): %zu %s på eller under midten"},
    {"Estimate (%s CI)",
     "Estimat (%s KI)"},
    {"Cohen's kappa, %.*s%s%s",
     "Cohens kappa, %.*s%s%s"},
    {"Cronbach's alpha of the %s items",
     "Cronbachs alfa for %s-punktene"},
    {"Each site's mean fidelity total against its %s (%s%s%s%s%s), in percentage points.",
     "Hver enhets gjennomsnittlige trofasthetsskår mot dens %s (%s%s%s%s%s), i prosentpoeng."},
    {"Spearman's rank correlation %s (%s p = %s).",
     "Spearmans rangkorrelasjon %s (%s p = %s)."},
    {"Weighted regression (weights = participants per site): %s percentage points per 10 points of "
     "fidelity (%s CI %s to %s; p = %s).",
     "Vektet regresjon (vekter = deltakere per enhet): %s prosentpoeng per 10 poeng trofasthet (%s KI %s "
     "til %s; p = %s)."},
    {"Caution: with %zu sites an association is fragile, and it is not causal: sites differ in more than "
     "fidelity (Bond et al. 2012 found r = 0.34 between IPS-25 totals and employment over 79 sites).",
     "Forsiktig: med %zu enheter er en sammenheng skjør, og den er ikke kausal: enheter er ulike i mer "
     "enn trofasthet (Bond mfl. 2012 fant r = 0,34 mellom IPS-25-totalskår og arbeid over 79 enheter)."},
    {"Totals by review round",
     "Totalskår etter målerunde"},
    {"Site",
     "Enhet"},
    {"Change",
     "Endring"},
    {"Mean",
     "Gjennomsnitt"},
    {"Band at the latest review",
     "Nivå ved siste måling"},
    {"Not IPS",
     "Ikke IPS"},
    {"Fair fidelity",
     "Akseptabel trofasthet"},
    {"Exemplary fidelity",
     "Framragende trofasthet"},
    {"Good fidelity",
     "God trofasthet"},
    {"Item scores, site by review (heat map)",
     "Skår per punkt, enhet etter måling (varmekart)"},
    {"Review",
     "Måling"},
    {"Item",
     "Punkt"},
    {"Section",
     "Del"},
    /* the IPS-25's sections (the heat map's band over its items, the item table) */
    {"Staffing",
     "Bemanning"},
    {"Organization",
     "Organisering"},
    {"Services",
     "Tjenester"},
    {"Name",
     "Navn"},
    {"Raters gave the same score (reviews with two or more raters)",
     "Vurdererne ga samme skår (målinger med to eller flere vurderere)"},
    {"Caseload size",
     "Antall brukere per jobbspesialist"},
    {"Employment services staff (specialists provide only employment services)",
     "Jobbspesialister (spesialistene gir bare arbeidsrettede tjenester)"},
    {"Vocational generalists (each specialist carries all phases of employment service)",
     "Generalister (hver spesialist har alle faser av tjenesten)"},
    {"Integration of rehabilitation with mental health through team assignment",
     "Integrering av arbeidsrettet oppfølging og psykisk helsevern gjennom tilknytning til behandlingsteam"},
    {"Integration of rehabilitation with mental health through frequent team member contact",
     "Integrering av arbeidsrettet oppfølging og psykisk helsevern gjennom hyppig kontakt i teamet"},
    {"Collaboration between employment specialists and vocational rehabilitation counsellors",
     "Samarbeid mellom jobbspesialister og veiledere i NAV"},
    {"Vocational unit",
     "Jobbspesialistenheten"},
    {"Role of employment supervisor",
     "Rollen til lederen for jobbspesialistene"},
    {"Zero exclusion criteria",
     "Ingen eksklusjonskriterier"},
    {"Agency focus on competitive employment",
     "Tjenestestedets fokus på ordinært arbeid"},
    {"Executive team support for supported employment",
     "Ledelsens støtte til IPS"},
    {"Work incentives planning (benefits counselling)",
     "Veiledning om økonomiske insentiver (ytelser)"},
    {"Disclosure",
     "Åpenhet om helse"},
    {"Ongoing, work-based vocational assessment",
     "Løpende, arbeidsbasert kartlegging"},
    {"Rapid search for competitive job",
     "Rask jobbsøking til ordinært arbeid"},
    {"Individualized job search",
     "Individuelt tilpasset jobbsøking"},
    {"Job development: frequent employer contact",
     "Jobbutvikling: hyppig kontakt med arbeidsgivere"},
    {"Job development: quality of employer contact",
     "Jobbutvikling: kvaliteten på kontakten med arbeidsgivere"},
    {"Diversity of job types",
     "Variasjon i typer jobber"},
    {"Diversity of employers",
     "Variasjon i arbeidsgivere"},
    {"Competitive jobs",
     "Ordinære jobber"},
    {"Individualized follow-along supports",
     "Individuelt tilpasset oppfølging i jobb"},
    {"Time-unlimited follow-along supports",
     "Tidsubegrenset oppfølging i jobb"},
    {"Community-based services",
     "Tjenester ute i samfunnet"},
    {"Assertive engagement and outreach by integrated treatment team",
     "Aktiv oppfølging og oppsøkende arbeid fra det integrerte behandlingsteamet"},
    {"Next steps: the lowest items at each site's latest review",
     "Neste steg: de laveste punktene ved hver enhets siste måling"},
    {"Score",
     "Skår"},
    {"Why and what the next level asks",
     "Hvorfor, og hva neste nivå krever"},
    {"Scored %g or below in all %zu reviews",
     "Skår %g eller lavere i alle %zu målingene"},
    {"Scored %g or below in %zu of %zu reviews",
     "Skår %g eller lavere i %zu av %zu målinger"},
    {"Scored %g or below at the one review",
     "Skår %g eller lavere i den ene målingen"},
    {"%s; a score of %d means: %s",
     "%s; skår %d betyr: %s"},
    {"%s; the scale's text for a score of %d is not in %s (add it there)",
     "%s; skalaens tekst for skår %d står ikke i %s (legg den til der)"},
    {"%s; the scale's text for a score of %d is not built in (name a file of anchor texts with anchors = in "
     "[scale:%s])",
     "%s; skalaens tekst for skår %d er ikke innebygd (oppgi en fil med ankertekster med anchors = i "
     "[scale:%s])"},
    /* the anchor texts of configs/ips25-anchors.csv (and the built-in IPS-25) that the next steps quote */
    {"a ratio of 20 or fewer clients per employment specialist",
     "20 eller færre brukere per jobbspesialist"},
    {"a ratio of 21-25 clients per employment specialist",
     "21-25 brukere per jobbspesialist"},
    {"a ratio of 26-30 clients per employment specialist",
     "26-30 brukere per jobbspesialist"},
    {"a ratio of 31-40 clients per employment specialist",
     "31-40 brukere per jobbspesialist"},
    {"a ratio of 41 or more clients per employment specialist",
     "41 eller flere brukere per jobbspesialist"},
    {"employment specialists provide employment services 96% or more of the time",
     "jobbspesialistene gir arbeidsrettede tjenester 96 % av tiden eller mer"},
    {"employment specialists provide employment services 90-95% of the time",
     "jobbspesialistene gir arbeidsrettede tjenester 90-95 % av tiden"},
    {"employment specialists provide employment services 75-89% of the time",
     "jobbspesialistene gir arbeidsrettede tjenester 75-89 % av tiden"},
    {"employment specialists provide employment services 60-74% of the time",
     "jobbspesialistene gir arbeidsrettede tjenester 60-74 % av tiden"},
    {"employment specialists provide employment services less than 60% of the time",
     "jobbspesialistene gir arbeidsrettede tjenester mindre enn 60 % av tiden"},
    {"each employment specialist carries out all phases of employment service (intake, engagement, assessment, "
     "job placement, job coaching and follow-along supports)",
     "hver jobbspesialist utfører alle faser av tjenesten (inntak, engasjering, kartlegging, jobbformidling, "
     "opplæring i jobben og oppfølging i jobb)"},
    {"the employment specialist only refers clients to vendors and other programmes",
     "jobbspesialisten henviser bare brukere videre til leverandører og andre tiltak"},
    {"Items: ",
     "Punkter: "},
    {"The items",
     "Punktene"},
    {"Printed: the totals and the heat map; the rest of this sheet follows on screen.",
     "Utskrevet: totalskårene og varmekartet; resten av arket følger på skjermen."},
    {"Agreement between raters, and consistency of the items",
     "Enighet mellom vurderere, og punktenes konsistens"},
    {"Measure",
     "Mål"},
    {"Ratings",
     "Vurderinger"},
    {"Raters",
     "Vurderere"},
    {"Note",
     "Merknad"},
    {"ICC(1,1): one rater, raters differ by target (one-way)",
     "ICC(1,1): én vurderer, vurdererne varierer med målet (enveis)"},
    {"review totals",
     "totalskår for målinger"},
    {"ICC(2,1): one rater, absolute agreement (two-way random)",
     "ICC(2,1): én vurderer, absolutt enighet (toveis tilfeldig)"},
    {"ICC(3,1): one rater, consistency (two-way mixed)",
     "ICC(3,1): én vurderer, konsistens (toveis blandet)"},
    {"ICC(1,k): mean of k raters (one-way)",
     "ICC(1,k): gjennomsnitt av k vurderere (enveis)"},
    {"ICC(2,k): mean of k raters, absolute agreement",
     "ICC(2,k): gjennomsnitt av k vurderere, absolutt enighet"},
    {"ICC(3,k): mean of k raters, consistency",
     "ICC(3,k): gjennomsnitt av k vurderere, konsistens"},
    {"[agreement] ratings",
     "[agreement]-vurderinger"},
    {"item scores",
     "skår per punkt"},
    {"Fleiss' kappa (all raters), test of no agreement",
     "Fleiss' kappa (alle vurderere), test av ingen enighet"},
    {"Fleiss' kappa (all raters), jackknife interval",
     "Fleiss' kappa (alle vurderere), jackknife-intervall"},
    {"Conger's kappa (all raters), jackknife interval",
     "Congers kappa (alle vurderere), jackknife-intervall"},
    {"ICC: 1 = raters agree exactly, 0 = no more than chance. Kappa corrects agreement on item scores for "
     "chance; weighted kappa gives partial credit to near misses (linear or quadratic in the distance).",
     "ICC: 1 = vurdererne er helt enige, 0 = ikke mer enn tilfeldig. Kappa korrigerer enighet om skår per "
     "punkt for tilfeldigheter; vektet kappa gir delvis uttelling for nesten-treff (lineært eller "
     "kvadratisk i avstanden)."},
    {"Fidelity and outcome across sites",
     "Trofasthet og utfall på tvers av enheter"},
    {"Mean fidelity total",
     "Gjennomsnittlig totalskår for trofasthet"},
    {"Effect (points)",
     "Virkning (poeng)"},
    {"Detail",
     "Detaljer"},
    {" Synthetic example data: not real reviews.",
     " Syntetiske eksempeldata: ikke virkelige målinger."},
    {" (see the bands above)",
     " (se nivåene over)"},
    {" Without a consensus row the score is the raters' mean.",
     " Uten en konsensusrad er skåren gjennomsnittet av vurderernes."},
    {" weights",
     " vekter"},
    {", interval from resampling whole reviews",
     ", intervall fra trekking av hele målinger"},
    {"employment effect: intervention minus control",
     "virkning på arbeid: intervensjon minus kontroll"},
    {"exact permutation",
     "eksakt permutasjon"},

    /* ---- CBA ---- */
    {"Cost-benefit analysis: %s vs %s (reference arm: %s)",
     "Nytte-kostnadsanalyse: %s mot %s (referansegruppe: %s)"},
    {"Per participant, %s at %ld prices. Model and formulas: the live cells below and the Methods sheet.",
     "Per deltaker, %s i %ld-priser. Modell og formler: de levende cellene nedenfor og arket Metoder."},
    {"Programme cost per participant, %s (%s)",
     "Tiltakskostnad per deltaker, %s (%s)"},
    {"%s must be %s.",
     "%s må være %s."},
    {"fixed",
     "fast"},
    {"Annual gross wage of an extra job in year 1 (%s)",
     "Årlig bruttolønn i en ekstra jobb i år 1 (%s)"},
    {"from %g to %g",
     "fra %g til %g"},
    {"Annual benefit while out of work (%s)",
     "Årlig ytelse uten arbeid (%s)"},
    {"Health-care cost change per participant-year (%s)",
     "Endring i helsekostnader per deltaker-år (%s)"},
    {"negative = saving",
     "negativ = besparelse"},
    {"any number",
     "et hvilket som helst tall"},
    {"Health-care cost change per extra job-year (%s)",
     "Endring i helsekostnader per ekstra arbeidsår (%s)"},
    {"%s in %ld prices x %.6g by the %s index",
     "%s i %ld-priser x %.6g etter indeksen %s"},
    {"formula: the production value of a job-year, wage x (1 + employer contributions)",
     "formel: produksjonsverdien av et arbeidsår, lønn x (1 + arbeidsgiveravgift)"},
    {"whole years from 1 to %d",
     "hele år fra 1 til %d"},
    {"The horizon is a whole number of years from 1 to %d (the rows of the tables below).",
     "Horisonten er et helt antall år fra 1 til %d (radene i tabellene nedenfor)."},
    {"Employment effect, %s minus %s (%s)",
     "Virkning på arbeid, %s minus %s (%s)"},
    {"Yearly effect e_y (%zu. %s)",
     "Årlig virkning e_y (%zu. %s)"},
    {"Break-even wage, horizon = year (%zu. %s)",
     "Balanselønn, horisont = år (%zu. %s)"},
    {"the same for every rule; named break_even_rQ_H (rule Q, horizon H), break_even_1 .. break_even_%d "
     "for the base case",
     "den samme for hver regel; navngitt break_even_rQ_H (regel Q, horisont H), break_even_1 .. "
     "break_even_%d for basisalternativet"},
    {"Present values and net present values by persistence rule (live formulas; per participant, %s vs %s)",
     "Nåverdier og netto nåverdier etter varighetsregel (levende formler; per deltaker, %s mot %s)"},
    {"NPV, %s perspective, all people treated (base case)",
     "Netto nåverdi, %s perspektiv, alle behandlet (basisalternativ)"},
    {"Flows by year, per participant (%s; base case, persistence %s)",
     "Strømmer etter år, per deltaker (%s; basisalternativ, varighet %s)"},
    {"Other results (live formulas; base case), per participant, %s vs %s",
     "Andre resultater (levende formler; basisalternativ), per deltaker, %s mot %s"},
    {"NPV, %s perspective",
     "Netto nåverdi, %s perspektiv"},
    {"ROI %s; first cycle with cumulative NPV >= 0: %s",
     "Avkastning %s; første syklus med kumulativ netto nåverdi >= 0: %s"},
    {"A live model: change a blue input (a cost, the wage, a rate, an effect, a persistence parameter) "
     "and every yearly effect, break-even wage, NPV, ROI, cost per job, ICER and INMB below recalculates, "
     "for every persistence rule (the values shown on opening are ipseval's own).",
     "En levende modell: endre en blå inndata (en kostnad, lønnen, en rate, en virkning, en "
     "varighetsparameter), og hver årlige virkning, balanselønn, netto nåverdi, avkastning, kostnad per "
     "jobb, ICER og INMB nedenfor regnes ut på nytt, for hver varighetsregel (verdiene som vises ved "
     "åpning, er ipsevals egne)."},
    {"Inputs",
     "Inndata"},
    {"Input",
     "Inndata"},
    {"Value",
     "Verdi"},
    {"Name (use it in formulas)",
     "Navn (bruk det i formler)"},
    {"Valid values; PSA distribution",
     "Gyldige verdier; PSA-fordeling"},
    {"at least",
     "minst"},
    {"Incremental cost dC (formula)",
     "Inkrementell kostnad dC (formel)"},
    {"Employer contributions (share of the wage)",
     "Arbeidsgiveravgift (andel av lønnen)"},
    {"Average tax rate on the extra earnings",
     "Gjennomsnittlig skattesats på de ekstra inntektene"},
    {"Tax on the year-1 wage (formula)",
     "Skatt på lønnen i år 1 (formel)"},
    {"Share of the benefit no longer paid in work",
     "Andel av ytelsen som ikke lenger betales i arbeid"},
    {"Tax the benefit itself bears (the budget saves the net)",
     "Skatt som ytelsen selv bærer (budsjettet sparer nettobeløpet)"},
    {"Real growth of wages and of the value of health, a year",
     "Reell vekst i lønn og i verdien av helse, per år"},
    {"Displacement (share of the extra jobs taken from others)",
     "Fortrengning (andel av de ekstra jobbene som tas fra andre)"},
    {"QALY gain per participant per year (constant)",
     "QALY-gevinst per deltaker per år (konstant)"},
    {"QALYs per extra job-year (follows employment)",
     "QALY per ekstra arbeidsår (følger arbeid)"},
    {"Discount rate (real, per year)",
     "Diskonteringsrente (reell, per år)"},
    {"greater than",
     "større enn"},
    {"Marginal cost of public funds",
     "Marginal kostnad ved offentlige midler"},
    {"Horizon (years counted in the NPVs)",
     "Horisont (år som telles i netto nåverdiene)"},
    {"Eligible population (scale-up)",
     "Berettiget befolkning (oppskalering)"},
    {"greater than 0",
     "større enn 0"},
    {"Take-up (share of it that receives the programme)",
     "Oppslutning (andelen av den som får tiltaket)"},
    {"greater than 0, at most 1",
     "større enn 0, høyst 1"},
    {"People treated (formula: population x take-up)",
     "Personer behandlet (formel: befolkning x oppslutning)"},
    {"Months since randomisation",
     "Måneder siden randomisering"},
    {"Effect (difference of shares)",
     "Virkning (forskjell i andeler)"},
    {"Effect (percentage points)",
     "Virkning (prosentpoeng)"},
    {"Standard error (percentage points)",
     "Standardfeil (prosentpoeng)"},
    {"The effect rises linearly from 0 at randomisation through these points; beyond the last one (also named effect_last) it follows each persistence rule. The yearly effects below are its mean over each year, as formulas of these cells. Percentage points: 100 x the difference of shares.",
     "Virkningen stiger lineært fra 0 ved randomisering gjennom disse punktene; etter det siste (også kalt effect_last) følger den hver varighetsregel. De årlige virkningene nedenfor er gjennomsnittet over hvert år, som formler av disse cellene. Prosentpoeng: 100 x forskjellen i andeler."},
    {"The tables below (yearly effects and break-even wages, present values, NPVs and ROI by rule, flows by year, other results) are on the sheet, not printed: the Sensitivity sheet prints the figures.",
     "Tabellene nedenfor (årlige virkninger og balanselønn, nåverdier, netto nåverdi og avkastning etter regel, strømmer etter år, andre resultater) står på arket, men skrives ikke ut: arket Følsomhet skriver ut tallene."},
    {"linear fade over %g year",
     "lineær nedgang over %g år"},
    {"linear fade over %g years",
     "lineær nedgang over %g år"},
    {"half-life %g year",
     "halveringstid %g år"},
    {"half-life %g years",
     "halveringstid %g år"},
    {"yearly effects given (path)",
     "årlige virkninger oppgitt (bane)"},
    {"Effect",
     "Virkning"},
    {"Standard error",
     "Standardfeil"},
    {"The effect rises linearly from 0 at randomisation through these points; beyond the last one (also "
     "named effect_last) it follows each persistence rule. The yearly effects below are its mean over "
     "each year, as formulas of these cells.",
     "Virkningen stiger lineært fra 0 ved randomisering gjennom disse punktene; etter det siste (også "
     "kalt effect_last) følger den hver varighetsregel. De årlige virkningene nedenfor er gjennomsnittet "
     "over hvert år, som formler av disse cellene."},
    {"Persistence of the effect beyond the last effect month (the first rule is the base case: it drives "
     "the headline, the probabilistic analysis and the tornado)",
     "Varighet av virkningen etter siste virkningsmåned (første regel er basisalternativet: den styrer "
     "hovedtallet, den probabilistiske analysen og tornadoen)"},
    {"Rule",
     "Regel"},
    {"Years (F or H)",
     "År (F eller H)"},
    {"Meaning",
     "Betydning"},
    {"the effect halves every H years",
     "virkningen halveres hvert H. år"},
    {"the effect stays at its last value",
     "virkningen blir på sin siste verdi"},
    {"the effect falls linearly to 0 over F years",
     "virkningen faller lineært til 0 over F år"},
    {"Break-even wage by horizon: the year-1 annual gross wage at which the extra work pays for the "
     "programme, W* = dC / sum of d_y e_y k_y",
     "Balanselønn etter horisont: årlig bruttolønn i år 1 der det ekstra arbeidet betaler for tiltaket, "
     "W* = dC / summen av d_y e_y k_y"},
    {"Year",
     "År"},
    {"Discount factor d_y",
     "Diskonteringsfaktor d_y"},
    {"Growth factor k_y",
     "Vekstfaktor k_y"},
    {"Trial-window effect-years",
     "Virkningsår i studiens tidsvindu"},
    {"Tax on the wage of year y",
     "Skatt på lønnen i år y"},
    {"In horizon (1/0)",
     "I horisonten (1/0)"},
    {"Trial window (break-even wage over the trial's own months)",
     "Studiens tidsvindu (balanselønn over studiens egne måneder)"},
    {"Figure",
     "Tall"},
    {"Discounted job-years gained, sum d_y e_y",
     "Diskonterte arbeidsår vunnet, summen av d_y e_y"},
    {"Wage weight, sum d_y e_y k_y",
     "Lønnsvekt, summen av d_y e_y k_y"},
    {"Tax weight, sum d_y e_y tax(wage k_y)",
     "Skattevekt, summen av d_y e_y tax(lønn k_y)"},
    {"Discounted years, sum d_y",
     "Diskonterte år, summen av d_y"},
    {"Discounted grown years, sum d_y k_y",
     "Diskonterte år med vekst, summen av d_y k_y"},
    {"PV of production, wage x wage weight x (1 + ec)(1 - displacement)",
     "Nåverdi av produksjon, lønn x lønnsvekt x (1 + ec)(1 - fortrengning)"},
    {"PV of taxes and contributions, (tax weight + ec wage x wage weight)(1 - displacement)",
     "Nåverdi av skatter og avgifter, (skattevekt + ec lønn x lønnsvekt)(1 - fortrengning)"},
    {"PV of benefits no longer paid, net of their tax: benefit x reduction x (1 - benefit tax) x job-years",
     "Nåverdi av ytelser som ikke lenger betales, fratrukket skatten: ytelse x reduksjon x (1 - skatt på "
     "ytelsen) x arbeidsår"},
    {"PV of the health-care cost change: per employed year x job-years + per year x sum d_y",
     "Nåverdi av endringen i helsekostnader: per år i arbeid x arbeidsår + per år x summen av d_y"},
    {"Discounted QALYs gained: per employed year x job-years + per year x sum d_y",
     "Diskonterte QALY vunnet: per år i arbeid x arbeidsår + per år x summen av d_y"},
    {"PV of the value of QALYs: value x (per employed year x wage weight + per year x sum d_y k_y)",
     "Nåverdi av verdien av QALY: verdi x (per år i arbeid x lønnsvekt + per år x summen av d_y k_y)"},
    {"PV of participants' net earnings: wage x wage weight - tax weight",
     "Nåverdi av deltakernes nettoinntekt: lønn x lønnsvekt - skattevekt"},
    {"Gains, government: taxes + benefits saved (net)",
     "Gevinster, staten: skatter + sparte ytelser (netto)"},
    {"Costs, government: dC + health-care cost change",
     "Kostnader, staten: dC + endring i helsekostnader"},
    {"Gains, society: production + value of QALYs + mcpf x government gains",
     "Gevinster, samfunnet: produksjon + verdien av QALY + mcpf x statens gevinster"},
    {"Costs, society: (1 + mcpf) x government costs",
     "Kostnader, samfunnet: (1 + mcpf) x statens kostnader"},
    {"Gains, participants: net earnings",
     "Gevinster, deltakerne: nettoinntekt"},
    {"Costs, participants: benefits no longer received (net of their tax)",
     "Kostnader, deltakerne: ytelser de ikke lenger får (fratrukket skatten)"},
    {"ROI, societal (PV gains / PV costs)",
     "Avkastning, samfunnet (nåverdi gevinster / nåverdi kostnader)"},
    {"Break-even wage, societal (NPV society = 0)",
     "Balanselønn, samfunnet (netto nåverdi for samfunnet = 0)"},
    {"Discount factor",
     "Diskonteringsfaktor"},
    {"Growth factor",
     "Vekstfaktor"},
    {"Yearly effect e_y",
     "Årlig virkning e_y"},
    {"Gross earnings G",
     "Bruttoinntekt G"},
    {"Production value P",
     "Produksjonsverdi P"},
    {"Taxes and contributions T",
     "Skatter og avgifter T"},
    {"Benefits no longer paid B (gross)",
     "Ytelser som ikke lenger betales B (brutto)"},
    {"Benefits saved net of their tax",
     "Sparte ytelser fratrukket skatten"},
    {"Health-care cost change Hc",
     "Endring i helsekostnader Hc"},
    {"QALYs gained",
     "QALY vunnet"},
    {"Value of QALYs Q",
     "Verdien av QALY Q"},
    {"Participant net earnings",
     "Deltakernes nettoinntekt"},
    {"Cost per additional person employed",
     "Kostnad per ekstra person i arbeid"},
    {"dC / employment effect at the last effect month",
     "dC / virkning på arbeid ved siste virkningsmåned"},
    {"(dC + PV health-care cost change) / discounted QALYs",
     "(dC + nåverdi av endring i helsekostnader) / diskonterte QALY"},
    {"INMB per QALY (at the value of a QALY)",
     "INMB per QALY (ved verdien av et QALY)"},
    {"value of a QALY x QALYs - cost",
     "verdien av et QALY x QALY - kostnad"},
    {"ICER per extra job-year",
     "ICER per ekstra arbeidsår"},
    {"(dC + PV health-care cost change) / discounted job-years",
     "(dC + nåverdi av endring i helsekostnader) / diskonterte arbeidsår"},
    {"INMB per job-year (at the value of a job-year)",
     "INMB per arbeidsår (ved verdien av et arbeidsår)"},
    {"value of a job-year x job-years - cost",
     "verdien av et arbeidsår x arbeidsår - kostnad"},
    {"The yearly effects a published break-even table assumes: S_H = dC / W_H is sum of d_y e_y k_y up to "
     "H, so e_H = (S_H - S_(H-1)) / (d_H k_H)",
     "De årlige virkningene en publisert balanselønnstabell forutsetter: S_H = dC / W_H er summen av d_y "
     "e_y k_y fram til H, så e_H = (S_H - S_(H-1)) / (d_H k_H)"},
    {"Horizon H",
     "Horisont H"},
    {"Published break-even wage W_H",
     "Publisert balanselønn W_H"},
    {"Cumulative S_H = dC / W_H",
     "Kumulativ S_H = dC / W_H"},
    {"Implied yearly effect e_H",
     "Implisitt årlig virkning e_H"},
    {"Base case's e_H (this model)",
     "Basisalternativets e_H (denne modellen)"},
    {"(first horizon: only the cumulative effect)",
     "(første horisont: bare den kumulative virkningen)"},
    {"Effects that grow after the trial's last month are what the table assumes when e_H rises; no "
     "constant, fading or half-life rule gives them (a path: rule can).",
     "Virkninger som vokser etter studiens siste måned, er det tabellen forutsetter når e_H stiger; ingen "
     "konstant, avtagende eller halveringsregel gir dem (en path:-regel kan)."},
    {"Markov cohort model (ipseval's values; yearly cycles, occupancy at cycle end)",
     "Markov-kohortmodell (ipsevals verdier; årlige sykluser, fordeling ved slutten av syklusen)"},
    {"Cycle",
     "Syklus"},
    {"FTE work-years gained per person",
     "Helårsverk vunnet per person"},
    {"People offered the programme per extra FTE work-year",
     "Personer som tilbys tiltaket per ekstra helårsverk"},
    {"the trial's primary outcome: risk difference with its Wald SE",
     "studiens primære utfall: risikoforskjell med Wald-SE"},

    /* ---- Sensitivity ---- */
    {"Sensitivity of the cost-benefit results: %s vs %s (reference arm: %s)",
     "Følsomhet i nytte-kostnadsresultatene: %s mot %s (referansegruppe: %s)"},
    {"the effects at the %zu effect months jointly by resampling the trial's participants with "
     "replacement within each arm (their correlation kept)",
     "virkningene ved de %zu virkningsmånedene samtidig, ved å trekke studiens deltakere med "
     "tilbakelegging innad i hver gruppe (korrelasjonen deres beholdes)"},
    {"Probabilistic sensitivity analysis of the base case (persistence: %s): %s draws of every parameter with a distribution, and %s, from one generator seeded with %lu; %s percentile intervals. Per participant, %s.",
     "Probabilistisk følsomhetsanalyse av basisalternativet (varighet: %s): %s trekk av hver parameter med en fordeling, og %s, fra én generator med frø %lu; %s persentilintervaller. Per deltaker, %s."},
    {"NPV, %s",
     "Netto nåverdi, %s"},
    {"ROI, %s",
     "Avkastning, %s"},
    {"Break-even wage, %d year%s",
     "Balanselønn, %d år%.0s"},
    {"%s of %s",
     "%s av %s"},
    {"Draws with no finite value",
     "Trekk uten endelig verdi"},
    {"The acceptability and value-of-information table below is on the sheet, not printed (its curve is the chart above).",
     "Tabellen over akseptabilitet og informasjonsverdi nedenfor står på arket, men skrives ikke ut (kurven er diagrammet ovenfor)."},
    {"Trial window (%g months)",
     "Studiens tidsvindu (%g måneder)"},
    {"%d year%s",
     "%d år%.0s"},
    {"NPV, %s, %d years",
     "Netto nåverdi, %s, %d år"},
    {"One-way sensitivity (tornado) of the %s: each parameter at its %.3g%% and %.3g%% points",
     "Enveis følsomhet (tornado) for %s: hver parameter ved persentilene %.3g og %.3g"},
    {"Tornado: %s, %s vs %s",
     "Tornado: %s, %s mot %s"},
    {"Change in the %s from the base case (%s)",
     "Endring i %s fra basisalternativet (%s)"},
    {"Acceptability curve: P(%s is cost-effective vs %s)",
     "Akseptabilitetskurve: P(%s er kostnadseffektiv mot %s)"},
    {"Willingness to pay (%s)",
     "Betalingsvilje (%s)"},
    {"Incremental cost (%s)",
     "Inkrementell kostnad (%s)"},
    {"PSA draws (first %s of %s)",
     "PSA-trekk (de første %s av %s)"},
    {"Cost-effectiveness plane: %s minus %s (reference)",
     "Kostnadseffektivitetsplan: %s minus %s (referanse)"},
    {"Every figure: deterministic value and the probabilistic analysis",
     "Hvert tall: deterministisk verdi og den probabilistiske analysen"},
    {"Deterministic",
     "Deterministisk"},
    {"PSA mean",
     "PSA gjennomsnitt"},
    {"PSA low",
     "PSA lav"},
    {"PSA high",
     "PSA høy"},
    {"Incremental cost",
     "Inkrementell kostnad"},
    {"Break-even wage, trial window",
     "Balanselønn, studiens tidsvindu"},
    {"Break-even wage, societal",
     "Balanselønn, samfunnet"},
    {"ICER per job-year",
     "ICER per arbeidsår"},
    {"INMB per job-year",
     "INMB per arbeidsår"},
    {"Scenarios: break-even wage by horizon and NPV by persistence rule (the first is the base case; "
     "live: formulas of the CBA sheet)",
     "Scenarioer: balanselønn etter horisont og netto nåverdi etter varighetsregel (den første er "
     "basisalternativet; levende: formler fra arket Nytte-kostnad)"},
    {"Horizon",
     "Horisont"},
    {"Low value",
     "Lav verdi"},
    {"High value",
     "Høy verdi"},
    {"At low",
     "Ved lav"},
    {"At high",
     "Ved høy"},
    {"Swing",
     "Utslag"},
    {"Low - base",
     "Lav - basis"},
    {"High - base",
     "Høy - basis"},
    {"Employment effect (low, high in standard errors)",
     "Virkning på arbeid (lav, høy i standardfeil)"},
    {"Cost-effectiveness acceptability and the value of information",
     "Akseptabilitet for kostnadseffektivitet og verdien av informasjon"},
    {"Willingness to pay",
     "Betalingsvilje"},
    {"P(cost-effective), per QALY",
     "P(kostnadseffektiv), per QALY"},
    {"Frontier, per QALY",
     "Front, per QALY"},
    {"P(cost-effective), per job-year",
     "P(kostnadseffektiv), per arbeidsår"},
    {"Frontier, per job-year",
     "Front, per arbeidsår"},
    {"EVPI per person, per job-year",
     "EVPI per person, per arbeidsår"},
    {"CE plane",
     "Kostnadseffektivitetsplan"},
    {"QALYs gained (discounted)",
     "QALY vunnet (diskontert)"},
    {"base case",
     "basisalternativ"},

    /* ---- CEA ---- */
    {"%zu options (the arms of the trial), reference %s. Costs discounted at %.3g%% and QALYs at %.3g%% a "
     "year (nothing within the first year); QALYs by the area under the utility curve; complete cases; "
     "%ld bootstrap resamples of the participants within arm. Intervals: %s.",
     "%zu alternativer (studiens grupper), referanse %s. Kostnader diskontert med %.3g %% og QALY med "
     "%.3g %% i året (ingenting innenfor første år); QALY som arealet under nyttekurven; komplette "
     "tilfeller; %ld bootstrap-trekk av deltakerne innad i gruppe. Intervaller: %s."},
    {"Mean cost (%s)",
     "Gjennomsnittlig kostnad (%s)"},
    {"Cost, month %g",
     "Kostnad, måned %g"},
    {"Utility, month %g",
     "Nytteverdi, måned %g"},
    {"Against %s: incremental cost and QALYs (regression on the options%s; QALYs adjusted for baseline "
     "utility), ICER",
     "Mot %s: inkrementell kostnad og QALY (regresjon på alternativene%s; QALY justert for nytteverdi ved "
     "start), ICER"},
    {"Cost vs %s (%s)",
     "Kostnad mot %s (%s)"},
    {"QALYs vs %s",
     "QALY mot %s"},
    {"ICER along the frontier (%s per QALY)",
     "ICER langs fronten (%s per QALY)"},
    {"EVPI per participant (%s)",
     "EVPI per deltaker (%s)"},
    {"INMB %s vs %s",
     "INMB %s mot %s"},
    {"Willingness to pay per QALY (%s)",
     "Betalingsvilje per QALY (%s)"},
    {"%s: QALYs",
     "%s: QALY"},
    {"%s: cost",
     "%s: kostnad"},
    {"WTP line (%s per QALY)",
     "Betalingsvilje-linje (%s per QALY)"},
    {"%s vs %s (%ld resamples)",
     "%s mot %s (%ld bootstrap-trekk)"},
    {"%s: estimate",
     "%s: estimat"},
    {"willingness to pay %s %.10g per QALY",
     "betalingsvilje %s %.10g per QALY"},
    {"Cost-effectiveness plane against %s",
     "Kostnadseffektivitetsplan mot %s"},
    {"Cost-effectiveness from the trial's participants",
     "Kostnadseffektivitet fra studiens deltakere"},
    {"Costs and QALYs per option (mean per participant, BCa bootstrap interval)",
     "Kostnader og QALY per alternativ (gjennomsnitt per deltaker, BCa-bootstrapintervall)"},
    {"Option",
     "Alternativ"},
    {"Complete cases",
     "Komplette tilfeller"},
    {"low",
     "lav"},
    {"high",
     "høy"},
    {"Mean QALYs",
     "Gjennomsnittlige QALY"},
    {"Missing costs and utilities (participants per arm and column; complete cases above)",
     "Manglende kostnader og nytteverdier (deltakere per gruppe og kolonne; komplette tilfeller over)"},
    {"low (t)",
     "lav (t)"},
    {"high (t)",
     "høy (t)"},
    {"BCa low",
     "BCa lav"},
    {"BCa high",
     "BCa høy"},
    {"Incremental QALYs",
     "Inkrementelle QALY"},
    {"Incremental QALYs, unadjusted",
     "Inkrementelle QALY, ujustert"},
    {"Incremental QALYs (adjusted for baseline utility)",
     "Inkrementelle QALY (justert for nytteverdi ved start)"},
    {"ICER (%s per QALY; percentile interval)",
     "ICER (%s per QALY; persentilintervall)"},
    {"The acceptability table below (each willingness to pay: probabilities, EVPI, INMB) is on the sheet, not printed; the right chart draws it.",
     "Akseptabilitetstabellen nedenfor (hver betalingsvilje: sannsynligheter, EVPI, INMB) står på arket, men skrives ikke ut; diagrammet til høyre viser den."},
    {"A negative ICER has no ranking meaning: read the quadrant (SE: cheaper and better, dominant) and "
     "the net benefit below. The ICER's interval is given only when every resample lies in one quadrant.",
     "En negativ ICER kan ikke rangeres: les kvadranten (SØ: billigere og bedre, dominant) og netto nytte "
     "nedenfor. ICER-intervallet oppgis bare når hvert trekk ligger i samme kvadrant."},
    {"The incremental analysis: dominance, extended dominance and the efficiency frontier",
     "Den inkrementelle analysen: dominans, utvidet dominans og effektivitetsfronten"},
    {"Option (by cost)",
     "Alternativ (etter kostnad)"},
    {"Why",
     "Hvorfor"},
    {"frontier (least costly)",
     "front (billigst)"},
    {"frontier",
     "front"},
    {"the least costly option: the efficiency frontier starts here",
     "billigste alternativ: effektivitetsfronten starter her"},
    {"next on the efficiency frontier after %s: %s %s more cost for %.4f more QALYs",
     "neste på effektivitetsfronten etter %s: %s %s mer i kostnad for %.4f flere QALY"},
    {"Acceptability over all options, the acceptability frontier and EVPI",
     "Akseptabilitet over alle alternativer, akseptabilitetsfronten og EVPI"},
    {"Willingness to pay per QALY",
     "Betalingsvilje per QALY"},
    {"Highest expected net benefit",
     "Høyest forventet netto nytte"},
    {"Acceptability frontier",
     "Akseptabilitetsfront"},
    {"CE plane: bootstrap resamples (incremental QALYs, incremental cost)",
     "Kostnadseffektivitetsplan: bootstrap-trekk (inkrementelle QALY, inkrementell kostnad)"},
    {" and site",
     " og enhet"},

    /* ---- Meta-analysis ---- */
    {"Meta-analysis of published studies%s%s",
     "Metaanalyse av publiserte studier%s%s"},
    {"Measure: %s%s. Main method: %s. Intervals are %s confidence intervals; the prediction interval is "
     "where the effect of a new study like these would lie.",
     "Mål: %s%s. Hovedmetode: %s. Intervallene er %s konfidensintervaller; prediksjonsintervallet er der "
     "virkningen i en ny studie som disse ville ligge."},
    {"%s (%s CI)",
     "%s (%s KI)"},
    {"Prediction interval (%s)",
     "Prediksjonsintervall (%s)"},
    {"%s to %s",
     "%s til %s"},
    {"Pooled (%s)",
     "Samlet (%s)"},
    {"Data: events/participants, intervention vs control, as the study file gives them. Each study's "
     "interval is its own (normal approximation on the %s scale). Weights are those of the main method "
     "(%s). Studies left out of the pool are listed with the reason. The chart (right) reads columns E to "
     "I.%s",
     "Data: hendelser/deltakere, intervensjon mot kontroll, slik studiefilen oppgir dem. Hver studies "
     "intervall er dens eget (normaltilnærming på %s-skalaen). Vektene er hovedmetodens (%s). Studier som "
     "er holdt utenfor, er listet med begrunnelse. Diagrammet (til høyre) leser kolonnene E til I.%s"},
    {"%s (%s CI)%s",
     "%s (%s KI)%s"},
    {"Forest plot: %s",
     "Skogplott: %s"},
    {"τ² (%s CI, Q-profile)",
     "τ² (%s KI, Q-profil)"},
    {"I² %% (%s CI)",
     "I² %% (%s KI)"},
    {"Coefficient (%s CI)",
     "Koeffisient (%s KI)"},
    {"Coefficients are on the log %s scale: exp(coefficient) is the ratio of %ss between levels (or per "
     "unit). With few studies a meta-regression has little power; a null result is not evidence of no "
     "moderation.",
     "Koeffisientene er på log-%s-skalaen: exp(koeffisient) er forholdet mellom %s-verdier på to nivåer "
     "(eller per enhet). Med få studier har en metaregresjon liten styrke; et nullresultat er ikke bevis "
     "for at det ikke finnes moderering."},
    {"Pooled effect by method",
     "Samlet virkning etter metode"},
    {"Studies",
     "Studier"},
    {"Notes",
     "Merknader"},
    {"random effects, REML",
     "tilfeldige effekter, REML"},
    {"random effects, REML, Knapp-Hartung",
     "tilfeldige effekter, REML, Knapp–Hartung"},
    {"random effects, DerSimonian-Laird",
     "tilfeldige effekter, DerSimonian–Laird"},
    {"random effects, DerSimonian-Laird, Knapp-Hartung",
     "tilfeldige effekter, DerSimonian–Laird, Knapp–Hartung"},
    {"common (fixed) effect, inverse variance",
     "felles (fast) effekt, invers varians"},
    {"Studies (forest plot)",
     "Studier (skogplott)"},
    {"Study",
     "Studie"},
    {"Weight %",
     "Vekt %"},
    {"CI low",
     "KI nedre"},
    {"CI high",
     "KI øvre"},
    {"Chart y",
     "Diagram y"},
    {"excluded",
     "utelatt"},
    {"Prediction interval",
     "Prediksjonsintervall"},
    {"No effect (chart line)",
     "Ingen virkning (linje i diagrammet)"},
    {"Heterogeneity",
     "Heterogenitet"},
    {"df",
     "fg"},
    {"Leave one out: the pooled effect without each study in turn",
     "Utelat én: den samlede virkningen uten hver studie etter tur"},
    {"Study left out",
     "Studie utelatt"},
    {"Cumulative: the pooled effect as studies were published (year order)",
     "Kumulativt: den samlede virkningen etter hvert som studiene ble publisert (etter år)"},
    {"Study added",
     "Studie lagt til"},
    {"Meta-regression: does a study-level covariate explain the differences?",
     "Metaregresjon: forklarer en kovariat på studienivå forskjellene?"},
    {" (pooled on the log scale, shown as ratios)",
     " (slått sammen på log-skala, vist som forholdstall)"},
    {", log scale",
     ", log-skala"},

    /* ---- Trial vs real world ---- */
    {"The trial's effect, the registry's and the published trials' on one scale (%s). Blue cells are "
     "assumptions and source effects: change one and every figure below recalculates (the values shown on "
     "opening are ipseval's own). Intervals are %s unless a row says otherwise (an interval from few "
     "control clusters attains less, and everything computed from it carries that level); ratios use the "
     "delta method with the estimates taken as independent, with Fieller's interval beside it. Methods: "
     "see the Methods sheet.",
     "Studiens virkning, registerets og de publiserte studienes på én skala (%s). Blå celler er "
     "antakelser og kildevirkninger: endre én, og hvert tall nedenfor regnes ut på nytt (verdiene som "
     "vises ved åpning, er ipsevals egne). Intervallene er %s med mindre en rad sier noe annet (et "
     "intervall fra få kontrollklynger oppnår mindre, og alt som regnes ut fra det, har det nivået); "
     "forholdstall bruker deltametoden med estimatene tatt som uavhengige, med Fiellers intervall ved "
     "siden av. Metoder: se arket Metoder."},
    {"  risk difference at month %.*s",
     "  risikoforskjell ved måned %.*s"},
    {"On one scale: %s",
     "På én skala: %s"},
    {"Trial versus real world on one scale",
     "Studie mot praksis på én skala"},
    {"Assumptions",
     "Antakelser"},
    {"Assumption",
     "Antakelse"},
    {"Key",
     "Nøkkel"},
    {"Workdays in a full-time employed year",
     "Arbeidsdager i et helårsverk"},
    {"Position share of the jobs gained",
     "Stillingsandel i jobbene som er vunnet"},
    {"mean share of full time; a job at 60% counts 0.6 of the workdays",
     "gjennomsnittlig andel av heltid; en jobb i 60 % stilling teller 0,6 av arbeidsdagene"},
    {"Workdays of one employed person-year",
     "Arbeidsdager i ett person-år i arbeid"},
    {"workdays_per_year x position_share: converts a change in the employment share to workdays per "
     "person-year",
     "workdays_per_year x position_share: gjør en endring i andelen i arbeid om til arbeidsdager per "
     "person-år"},
    {"Exposed population, post-period",
     "Eksponert befolkning, etterperioden"},
    {"[compare] exposed_population: the people the registry effect averages over; take-up denominator and "
     "work-years' population",
     "[compare] exposed_population: personene registervirkningen er et gjennomsnitt over; nevner for "
     "oppslutningen og befolkningen for arbeidsårene"},
    {"IPS users among the exposed",
     "IPS-brukere blant de eksponerte"},
    {"Take-up",
     "Oppslutning"},
    {"ips_users / exposed_population: the same people and post-period the registry effect averages over",
     "ips_users / exposed_population: de samme personene og den samme etterperioden som "
     "registervirkningen er et gjennomsnitt over"},
    {"Level of the derived intervals (ratios)",
     "Nivå for de avledede intervallene (forholdstall)"},
    {"Normal quantile of that level",
     "Normalkvantil for det nivået"},
    {"for the delta-method and Fieller intervals of the ratios",
     "for deltametode- og Fieller-intervallene til forholdstallene"},
    {"Scale factor",
     "Skalafaktor"},
    {"1: the figures are workdays",
     "1: tallene er arbeidsdager"},
    {"Source effects (from the run, or typed in)",
     "Kildevirkninger (fra kjøringen, eller skrevet inn)"},
    {"Source",
     "Kilde"},
    {"Trial: mean employment effect over its window (share employed)",
     "Studie: gjennomsnittlig virkning på arbeid over tidsvinduet (andel i arbeid)"},
    {"Trial: control arm's employment rate",
     "Studie: andel i arbeid i kontrollgruppen"},
    {"Registry: effect per member (workdays per person-year)",
     "Register: virkning per medlem (arbeidsdager per person-år)"},
    {"Published RCTs: pooled risk ratio (SE of the log); cumulative incidence, on its own scale",
     "Publiserte RCT-er: samlet risikoratio (SE for log); kumulativ insidens, på sin egen skala"},
    {"Interval from",
     "Intervall fra"},
    {"How it is computed",
     "Hvordan det beregnes"},
    {"mean of the effect path",
     "gjennomsnittet av virkningsbanen"},
    {"REML, Knapp-Hartung", "REML, Knapp-Hartung", SAME},
    {"REML", "REML", SAME},
    {"DerSimonian-Laird", "DerSimonian-Laird", SAME},
    {"DerSimonian-Laird, Knapp-Hartung", "DerSimonian-Laird, Knapp-Hartung", SAME},
    {"common effect",
     "felles effekt"},
    {"entropy balancing, sandwich SE",
     "entropibalansering, sandwich-SE"},
    {"entropy balancing",
     "entropibalansering"},
    {"Newcombe interval",
     "Newcombe-intervall"},
    {"the trial's data",
     "studiens data"},
    {"delta method",
     "deltametoden"},
    {"Fieller", "Fieller", SAME},
    {"published",
     "publisert"},
    {"the config",
     "konfigurasjonen"},
    {"default",
     "standardverdi"},
    {"level",
     "nivå"},
    {"ratio",
     "forhold"},
    {"normal quantile",
     "normalkvantil"},
    {"share",
     "andel"},
    {"weighted",
     "vektet"},
    {"unweighted",
     "uvektet"},
    {"wild cluster bootstrap",
     "wild cluster-bootstrap"},
    {"cluster-robust",
     "klyngerobust"},
    {"estimates taken as independent",
     "estimatene antatt uavhengige"},
    {"scaled",
     "skalert"},
    {"Chart x (zero line)",
     "Diagram x (nullinje)"},
    {"Trial: intention-to-treat effect",
     "Studie: intention-to-treat-virkning"},
    {"Registry: per member of the target population",
     "Register: per medlem av målgruppen"},
    {"Registry: per IPS user (Bloom)",
     "Register: per IPS-bruker (Bloom)"},
    {"zero line of the chart (columns H, I)",
     "nullinjen i diagrammet (kolonne H, I)"},
    {"Efficacy-effectiveness ratios (real world / trial)",
     "Forholdet mellom virkning i praksis og i studien (praksis / studie)"},
    {"Per IPS user / trial",
     "Per IPS-bruker / studie"},
    {"  Fieller interval",
     "  Fieller-intervall"},
    {"Per member / trial (needs no take-up)",
     "Per medlem / studie (krever ingen oppslutning)"},
    {"Work-years gained a year (full-time equivalents)",
     "Arbeidsår vunnet per år (helårsverk)"},
    {"If the exposed population had",
     "Hvis den eksponerte befolkningen hadde"},
    {"the registry effect per member",
     "registervirkningen per medlem"},
    {"the trial's ITT effect",
     "studiens ITT-virkning"},
    {"On its own scale: published RCTs (cumulative incidence)",
     "På sin egen skala: publiserte RCT-er (kumulativ insidens)"},
    {"Risk ratio",
     "Risikoratio"},
    {"Why not converted",
     "Hvorfor ikke omregnet"},
    {"Pooled risk ratio of ever being employed",
     "Samlet risikoratio for å ha vært i arbeid"},
    {"Employment rates: the trial's arms and IPS in routine practice",
     "Andel i arbeid: studiens grupper og IPS i ordinær drift"},
    {"Employed",
     "I arbeid"},
    {"Trial, intervention arm",
     "Studie, intervensjonsgruppe"},
    {"Trial, control arm",
     "Studie, kontrollgruppe"},
    {"chart data (columns H, I: x then y of each series)",
     "diagramdata (kolonne H, I: x og deretter y for hver serie)"},
    {"%s%s %.1f of %.0f",
     "%s%s %.1f av %.0f"},
    {"workdays per person-year",
     "arbeidsdager per person-år"},
    {"Trial transported to the registry population: mean employment effect (share)",
     "Studien overført til registerbefolkningen: gjennomsnittlig virkning på arbeid (andel)"},
    {"  Trial minus transported (share): explained by who the participants are",
     "  Studie minus overført (andel): forklart av hvem deltakerne er"},
    {"Normal quantile of the run's confidence level",
     "Normalkvantil for kjøringens konfidensnivå"},
    {"Trial transported to the registry population",
     "Studien overført til registerbefolkningen"},
    {"The trial transported to the registry population",
     "Studien overført til registerbefolkningen"},
    {"Each arm of the trial is reweighted separately (entropy weights, w proportional to exp(x'lambda); "
     "Signorovitch et al. 2010, Westreich et al. 2017) so that its weighted covariate means equal the "
     "target population's below; both arms then stand for that population, and their weighted difference "
     "is the trial's effect had its participants been like the registry's. It assumes the effect differs "
     "between people only through the covariates given (no unmeasured effect modifiers) and that the "
     "target values are right. The effective sample size, (sum w)^2 / sum w^2, says how many equally "
     "weighted participants the weighted arm is worth.",
     "Hver gruppe i studien vektes om for seg (entropivekter, w proporsjonal med exp(x'lambda); "
     "Signorovitch mfl. 2010, Westreich mfl. 2017) slik at de vektede kovariatgjennomsnittene blir lik "
     "målbefolkningens nedenfor; begge gruppene står da for den befolkningen, og den vektede forskjellen "
     "er studiens virkning dersom deltakerne hadde vært som registerets. Det forutsetter at virkningen "
     "bare er ulik mellom personer gjennom de oppgitte kovariatene (ingen umålte effektmodifikatorer) og "
     "at målverdiene er riktige. Den effektive utvalgsstørrelsen, (sum w)^2 / sum w^2, sier hvor mange "
     "likt vektede deltakere den vektede gruppen er verdt."},
    {"Covariate",
     "Kovariat"},
    {"Target",
     "Mål"},
    {"Arms: unweighted -> weighted",
     "Gruppene: uvektet -> vektet"},
    {"Timepoint (month)",
     "Tidspunkt (måned)"},
    {"Trial risk difference",
     "Studiens risikoforskjell"},
    {"Transported",
     "Overført"},
    {"Effective sample size (of n weighted)",
     "Effektiv utvalgsstørrelse (av n vektet)"},
    {"How",
     "Hvordan"},
    {"The trial-registry gap",
     "Gapet mellom studie og register"},
    {"Trial minus registry per IPS user",
     "Studie minus register per IPS-bruker"},
    {"  explained by who the participants are (trial - transported)",
     "  forklart av hvem deltakerne er (studie - overført)"},
    {"  remaining: delivery, fidelity, context (transported - registry)",
     "  gjenstår: gjennomføring, trofasthet, kontekst (overført - register)"},

    /* ---- Registry ---- */
    {"Outcome: %s",
     "Utfall: %s"},
    {"%.0f person-periods of %.0f units over %.0f periods from %.0f, in %.0f clusters (%.0f to %.0f "
     "observations each), %.0f treated%s%s. Unit and period fixed effects by the within-transformation "
     "(%.0f alternating-projection sweeps).",
     "%.0f person-perioder for %.0f enheter over %.0f perioder fra %.0f, i %.0f klynger (%.0f til %.0f "
     "observasjoner hver), %.0f behandlet%s%s. Faste effekter for enhet og periode ved "
     "within-transformasjonen (%.0f vekslende projeksjonsrunder)."},
    {"%s: smallest possible p %.3g",
     "%s: minste mulige p %.3g"},
    {"%s: attained coverage %.1f%%, not %s",
     "%s: oppnådd dekning %.1f %%, ikke %s"},
    {"CI low (%s)",
     "KI nedre (%s)"},
    {"CI high (%s)",
     "KI øvre (%s)"},
    {"Event study: %s by year relative to first exposure (reference -1)",
     "Hendelsesstudie: %s etter år i forhold til første eksponering (referanse −1)"},
    {"Pre-trend test (%s)",
     "Test av trend før (%s)"},
    {"Registry: real-world effect by difference-in-differences",
     "Register: virkning i praksis ved forskjell-i-forskjeller"},
    {"Two-way fixed effects on the person-period panel, with every inference the design allows side by "
     "side. With few clusters, and above all with one treated cluster, standard errors that treat "
     "clusters as many and alike claim more precision than the design supports; the verdict under each "
     "outcome says which numbers to trust. Rows are in the Results sheet.",
     "Toveis faste effekter på person-periode-panelet, med hver metode for usikkerhet designet tillater, "
     "side om side. Med få klynger, og særlig med én behandlet klynge, påstår standardfeil som behandler "
     "klyngene som mange og like, mer presisjon enn designet gir; vurderingen under hvert utfall sier "
     "hvilke tall som er til å stole på. Radene står på arket Resultater."},
    {"Synthetic example data: not real registry records.",
     "Syntetiske eksempeldata: ikke virkelige registeropplysninger."},
    {"Which inference to trust here",
     "Hvilken metode å stole på her"},
    {"Effect of the treatment, every inference side by side",
     "Virkningen av behandlingen, hver metode side om side"},
    {"Statistic",
     "Observator"},
    {"Classical (iid errors)",
     "Klassisk (uavhengige feil)"},
    {"Cluster-robust CR1 (reghdfe/fixest K), t(G-1)",
     "Klyngerobust CR1 (reghdfe/fixest K), t(G-1)"},
    {"Cluster-robust CR1 (areg K), t(G-1)",
     "Klyngerobust CR1 (areg K), t(G-1)"},
    {"CR2 (Bell-McCaffrey), Satterthwaite df",
     "CR2 (Bell–McCaffrey), Satterthwaite-fg"},
    {"Wild cluster bootstrap (restricted)",
     "Wild cluster bootstrap (begrenset)"},
    {"Synthetic control (placebo test)",
     "Syntetisk kontroll (placebotest)"},
    {"Placebo distribution (randomisation inference)",
     "Placebofordeling (randomiseringsinferens)"},
    {"Treatment placed in",
     "Behandling plassert i"},
    {"actual (treated)",
     "faktisk (behandlet)"},
    {"Synthetic control: gap by period",
     "Syntetisk kontroll: avvik etter periode"},
    {"Period",
     "Periode"},
    {"Treated minus synthetic",
     "Behandlet minus syntetisk"},
    {"Treatment starts (chart line)",
     "Behandlingen starter (linje i diagrammet)"},
    {"Gap axis",
     "Avviksakse"},
    {"Event study (reference period -1)",
     "Hendelsesstudie (referanseperiode −1)"},
    {"Relative period",
     "Relativ periode"},
    {"p (random.)",
     "p (randomisering)"},
    {", first treated period ",
     ", første behandlede periode "},
    {"joint Wald, CR1",
     "samlet Wald, CR1"},
    {"randomisation",
     "randomisering"},
};

const size_t rpt_n_msgs = sizeof rpt_msgs / sizeof rpt_msgs[0];
