/* The label table (reports/rpt_msg.h): result labels as the modules write them (their printf formats, or the
 * pieces a module builds a label of), with their Norwegian bokmål taking the same arguments. Grouped by the module
 * that writes them. The English is the module's literal text: tests/workbook/msg_coverage.py fails an entry whose
 * module text changed, tests/unit/test_msg.c one whose Norwegian takes other arguments. PART: only a piece of a
 * label (an argument the module fills in), never matched as a whole text. Vocabulary as in rpt_msg_nb.c: studie
 * (trial), virkning (effect), klynge (cluster), måling (fidelity review), vurderer (rater), oppslutning (take-up),
 * konfidensintervall, prosentpoeng, tilfeldig effekt, fg (degrees of freedom). */
#include "reports/rpt_msg.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers" /* an entry without flags has none */

#define PART RPT_MSG_PART

const rpt_msg rpt_label_msgs[] = {
    /* ---- rct/: repeated measures (rct_long.c), attrition, survival (stats/st_surv.c) ---- */
    {"%zu observations of %zu participants at %zu timepoints; %s",
     "%zu observasjoner av %zu deltakere ved %zu tidspunkter; %s"},
    {"adjusted for%s", "justert for%s", PART},
    {"%ssite (%s, fixed effects)%s", "%ssted (%s, faste effekter)%s", PART},
    {"%sbaseline %s", "%sutgangsverdi %s", PART},
    {"unadjusted (adjust = no)", "ujustert (adjust = no)"},
    {"working correlation (moment estimate, as geepack)", "arbeidskorrelasjon (momentestimat, som geepack)"},
    {"random-intercept SD (%s)", "SD for tilfeldig konstantledd (%s)"},
    {"adaptive Gauss-Hermite", "adaptiv Gauss–Hermite", PART},
    {"intraclass correlation s2_unit / (s2_unit + s2_residual)",
     "intraklassekorrelasjon s2_unit / (s2_unit + s2_residual)"},
    {"no missing outcomes: nothing to compare", "ingen manglende utfall: ingenting å sammenligne"},
    {"median not reached: the estimated survival stays above 50%",
     "medianen er ikke nådd: den estimerte overlevelsen holder seg over 50 %"},

    /* ---- meta/ (meta_analyse.c, meta_build.c) ---- */
    {"%zu studies; Mantel-Haenszel, z test", "%zu studier; Mantel–Haenszel, z-test"},
    {"%zu studies; inverse-variance common effect, z test", "%zu studier; felles effekt med invers varians, z-test"},
    {"%zu studies; τ² by %s; %s on %.0f df", "%zu studier; τ² ved %s; %s med %.0f fg"},
    {"%zu studies; τ² by %s; %s test", "%zu studier; τ² ved %s; %s-test"},
    {"Knapp-Hartung t", "Knapp–Hartung t", PART},
    {"%zu excluded (the study table says why)", "%zu utelatt (studietabellen sier hvorfor)"},
    {"%s excluded: %s", "%s er utelatt: %s"},
    {"no events in either arm, so no information on the effect",
     "ingen hendelser i noen av gruppene, så ingen informasjon om virkningen"},
    {"every participant had the event in both arms, so no information on the effect",
     "alle deltakerne hadde hendelsen i begge grupper, så ingen informasjon om virkningen"},
    {"very few studies: τ² is imprecise and random-effects intervals (Knapp-Hartung above all) are wide",
     "svært få studier: τ² er upresis, og intervallene med tilfeldige effekter (særlig Knapp–Hartung) er brede"},
    {"0 by assumption in the common-effect model", "0 etter forutsetningen i modellen med felles effekt"},
    {"interval by the Q-profile method (Viechtbauer 2007)", "intervall ved Q-profilmetoden (Viechtbauer 2007)"},
    {"effect in a new study: estimate ± t(k-1) sqrt(se² + τ²), Knapp-Hartung se",
     "virkningen i en ny studie: estimat ± t(k-1) sqrt(se² + τ²), Knapp–Hartung-se"},
    {"effect in a new study: estimate ± z sqrt(se² + τ²) (metafor's default)",
     "virkningen i en ny studie: estimat ± z sqrt(se² + τ²) (standarden i metafor)"},
    {"without this study; I² %.1f%%", "uten denne studien; I² %.1f %%"},
    {"without this study; τ² %.4g, I² %.1f%%", "uten denne studien; τ² %.4g, I² %.1f %%"},
    {"%sthe first study alone (its own estimate and z interval)",
     "%sden første studien alene (dens eget estimat og z-intervall)"},
    {"%s%zu studies; τ² %.4g, I² %.1f%%", "%s%zu studier; τ² %.4g, I² %.1f %%"},
    {"%s%zu studies; I² %.1f%%", "%s%zu studier; I² %.1f %%"},
    {"on the log %s scale%s", "på log %s-skala%s"},
    {"; per unit of the moderator", "; per enhet av moderatoren", PART},
    {"; difference from the reference level", "; forskjell fra referansenivået", PART},
    {"test of the moderator: F(%.0f, %.0f)", "test av moderatoren: F(%.0f, %.0f)"},
    {"test of the moderator: chi-square on %.0f df", "test av moderatoren: kjikvadrat med %.0f fg"},
    {"residual between-study variance", "gjenværende varians mellom studiene"},
    {"percent of τ² accounted for by the moderator", "prosent av τ² som moderatoren forklarer"},
    {"left out by the [meta] key 'exclude'", "utelatt med [meta]-nøkkelen 'exclude'"},
    {"Cochran's Q of the study effects around the Mantel-Haenszel estimate",
     "Cochrans Q for studievirkningene rundt Mantel–Haenszel-estimatet"},
    {"Cochran's Q around the inverse-variance common effect; chi-square test",
     "Cochrans Q rundt den felles effekten med invers varians; kjikvadrattest"},
    {"percent; τ² / (τ² + typical within-study variance)", "prosent; τ² / (τ² + typisk varians innen studiene)"},
    {"percent; (Q - df) / Q, floored at 0", "prosent; (Q - fg) / Q, minst 0"},
    {"(τ² + typical within-study variance) / typical within-study variance",
     "(τ² + typisk varians innen studiene) / typisk varians innen studiene"},
    {"no between-study variance assumed: equals the confidence interval",
     "ingen varians mellom studiene antatt: lik konfidensintervallet"},
    {"not estimable without this study: %.400s", "kan ikke estimeres uten denne studien: %.400s"},
    {"residual heterogeneity: chi-square test", "gjenværende heterogenitet: kjikvadrattest"},
    {"residual I², percent", "gjenværende I², prosent"},
    {"undefined: τ² of the model without the moderator is 0", "udefinert: τ² i modellen uten moderatoren er 0"},
    {"difference per unit (or from the reference level)", "forskjell per enhet (eller fra referansenivået)"},

    /* ---- cea/ (cea_rows.c) ---- */
    {"%s vs %s (%s quadrant); no ICER interval: the bootstrap resamples fall in more than one quadrant (%s); read the "
     "incremental net benefit (INMB) at a willingness to pay instead",
     "%s mot %s (%s-kvadranten); ikke noe ICER-intervall: bootstrap-trekkene faller i mer enn én kvadrant (%s); les "
     "heller netto nytte (INMB) ved en betalingsvilje"},
    {"least costly option: the efficiency frontier starts here", "billigste alternativ: effektivitetsfronten starter her"},
    {"next on the efficiency frontier after %s: %s more cost for %.4f more QALYs",
     "neste på effektivitetsfronten etter %s: %s mer i kostnad for %.4f flere QALY"},
    {"dominated by %s (it costs no more and yields no fewer QALYs)",
     "dominert av %s (det koster ikke mer og gir ikke færre QALY)"},

    /* ---- fidelity/ (fid_agree.c, fid_rows.c) ---- */
    {"%zu/%zu reviews with the same score; %zu/%zu within one point",
     "%zu/%zu målinger med samme skår; %zu/%zu innen ett poeng"},
    {"%zu items over %zu %s%s; Feldt interval", "%zu ledd over %zu %s%s; Feldt-intervall"},
    {"%zu items over %zu %s with every item scored; Feldt interval",
     "%zu ledd over %zu %s med alle ledd skåret; Feldt-intervall"},
    {"reviews", "målinger", PART},
    {"respondents", "respondenter", PART},
    {" with every item scored", " med alle ledd skåret", PART},
    {"%zu item ratings in %zu reviews; SE and percentile interval from %zu resamples of whole reviews (items are "
     "clustered within reviews; the delta-method SE treats every rating as independent)%s",
     "%zu leddskåringer i %zu målinger; SE og persentilintervall fra %zu gjentrekninger av hele målinger (leddene er "
     "klynget innen målinger; SE etter deltametoden behandler hver skåring som uavhengig)%s"},
    {"%zu categories%s%s; %s variance%s%s", "%zu kategorier%s%s; %s-varians%s%s"},
    {"%zu categories; %s; %s variance%s%s", "%zu kategorier; %s; %s-varians%s%s"},
    {"categories observed", "observerte kategorier", PART},
    {"configured categories", "oppgitte kategorier", PART},
    {"item ratings pooled over %zu items and %zu reviews; scale %d-%d%s",
     "leddskåringer slått sammen over %zu ledd og %zu målinger; skala %d–%d%s", PART},
    {"the large-sample variance is not positive (e.g. the raters never agree): no SE or interval",
     "variansen for store utvalg er ikke positiv (f.eks. er vurdererne aldri enige): ingen SE eller intervall"},
    {"%zu %s, %zu raters; SE under no agreement beyond chance (Fleiss, Nee & Landis 1979), no interval%s%s",
     "%zu %s, %zu vurderere; SE under ingen enighet utover tilfeldighet (Fleiss, Nee & Landis 1979), intet "
     "intervall%s%s"},
    {"targets", "enheter", PART},
    {"%s kappa; SE and t interval by the jackknife over the %zu %s (%zu raters)%s%s",
     "%s kappa; SE og t-intervall ved jackknife over %zu %s (%zu vurderere)%s%s"},
    {"Conger's exact (each rater's own margins)", "Congers eksakte (hver vurderers egne marginaler)", PART},
    {"F(%g, %g); %zu %s, %zu raters%s%s%s%s", "F(%g, %g); %zu %s, %zu vurderere%s%s%s%s"},
    {"the same raters in every review", "de samme vurdererne i hver måling", PART},

    /* ---- practice/ (prc_cohort.c, prc_workforce.c, prc_equity.c) ---- */
    {"%ld of %zu needed in-work support for more than %.15g days",
     "%ld av %zu trengte oppfølging i arbeid i mer enn %.15g dager"},
    {"median years in post (%ld leavers among %ld spells%s)%s%s",
     "median år i stillingen (%ld sluttet av %ld perioder%s)%s%s"},
    {"; spells begun before the follow-up left out", "; perioder som begynte før oppfølgingen, er utelatt", PART},
    {"upper confidence limit not reached", "øvre konfidensgrense ikke nådd", PART},
    {"users' groups against the reference population's shares%s%s%s",
     "brukernes grupper mot referansebefolkningens andeler%s%s%s"},
    {"users' groups against the reference population's shares%s%s; caution: the smallest expected count is %.2g "
     "(below 5), so the chi-square p-value is approximate",
     "brukernes grupper mot referansebefolkningens andeler%s%s; obs: minste forventede antall er %.2g (under 5), så "
     "p-verdien fra kjikvadrattesten er omtrentlig"},

    /* ---- realworld/: the registry DiD (rw_did.c) ---- */
    {"One treated cluster (%s) against %zu controls: cluster-robust standard errors (CR1, CR2) and the wild cluster "
     "bootstrap cannot be trusted here, because the treated cluster's own shock cannot be told apart from the effect "
     "(MacKinnon & Webb 2017, 2018). Trust the randomisation inference over placebo clusters (an exact p-value; the "
     "smallest possible is 1/%zu = %.3f), the Conley-Taber interval and the synthetic-control placebo test, and read "
     "the estimate as one municipality's experience.",
     "Én behandlet klynge (%s) mot %zu kontroller: klyngerobuste standardfeil (CR1, CR2) og vill klyngebootstrap kan "
     "ikke stoles på her, fordi den behandlede klyngens eget sjokk ikke kan skilles fra virkningen (MacKinnon & Webb "
     "2017, 2018). Stol på randomiseringsinferensen over placeboklynger (en eksakt p-verdi; minste mulige er 1/%zu = "
     "%.3f), Conley–Taber-intervallet og placebotesten for syntetisk kontroll, og les estimatet som én kommunes "
     "erfaring."},
    {"%zu treated and %zu control clusters: so few treated (or control) clusters that CR1 over-rejects and the "
     "restricted wild bootstrap (WCR) under-rejects (MacKinnon & Webb 2017); report the WCR and CR2 p-values as "
     "conservative, and the randomisation inference (exact over the %s assignments).",
     "%zu behandlede og %zu kontrollklynger: så få behandlede (eller kontroll-)klynger at CR1 forkaster for ofte og "
     "den restriktive ville bootstrapen (WCR) for sjelden (MacKinnon & Webb 2017); rapporter p-verdiene fra WCR og CR2 "
     "som konservative, og randomiseringsinferensen (eksakt over de %s tildelingene)."},
    {"possible", "mulige", PART},
    {"Cluster sizes are unequal (%zu to %zu observations), which makes cluster-robust tests over-reject further "
     "(MacKinnon & Webb 2017).",
     "Klyngene er ulike store (%zu til %zu observasjoner), noe som får klyngerobuste tester til å forkaste enda "
     "oftere (MacKinnon & Webb 2017)."},
    {"%zu clusters (%zu treated): too few for CR1 with t(G-1) to hold its level, especially with unequal cluster sizes "
     "(%zu to %zu observations); trust the restricted wild cluster bootstrap (WCR) p-value and interval, with CR2 "
     "(Bell-McCaffrey, Satterthwaite df) as a check (Cameron, Gelbach & Miller 2008; MacKinnon & Webb 2018).",
     "%zu klynger (%zu behandlet): for få til at CR1 med t(G-1) holder nivået, særlig med ulike klyngestørrelser (%zu "
     "til %zu observasjoner); stol på p-verdien og intervallet fra den restriktive ville klyngebootstrapen (WCR), med "
     "CR2 (Bell–McCaffrey, Satterthwaite-fg) som kontroll (Cameron, Gelbach & Miller 2008; MacKinnon & Webb 2018)."},
    {"%zu clusters (%zu treated): enough for cluster-robust (CR1) inference; the wild bootstrap and CR2 should agree "
     "with it.",
     "%zu klynger (%zu behandlet): nok for klyngerobust (CR1) inferens; vill bootstrap og CR2 bør stemme med den."},
    {"iid errors; ignores clustering", "uavhengige feilledd; ser bort fra klyngingen"},
    {"%sunreliable: one treated cluster of %zu (MacKinnon & Webb 2017); see the randomisation-inference rows (placebo "
     "clusters, Conley-Taber)",
     "%supålitelig: én behandlet klynge av %zu (MacKinnon & Webb 2017); se radene med randomiseringsinferens "
     "(placeboklynger, Conley–Taber)"},
    {"%sfew clusters (G = %zu, %zu treated)", "%sfå klynger (G = %zu, %zu behandlet)"},
    {"Bell-McCaffrey, Satterthwaite df", "Bell–McCaffrey, Satterthwaite-fg"},
    {"restricted wild cluster bootstrap, %s weights, %s %ld %s; %ld with |t*| >= |t|; interval by test inversion%s%s; "
     "t uses the CR1 (areg) standard error",
     "restriktiv vill klyngebootstrap, %s-vekter, %s %ld %s; %ld med |t*| >= |t|; intervall ved testinvertering%s%s; "
     "t bruker standardfeilen CR1 (areg)"},
    {"full enumeration of all", "full opptelling av alle", PART},
    {"random draws:", "tilfeldige trekninger:", PART},
    {"weight vectors", "vektvektorer", PART},
    {"draws", "trekninger", PART},
    {"unreliable: with one treated cluster the bootstrap cannot reproduce that cluster's own shock, so it rejects far "
     "too rarely (MacKinnon & Webb 2017); see the randomisation-inference rows (placebo clusters, Conley-Taber)",
     "upålitelig: med én behandlet klynge kan bootstrapen ikke gjenskape klyngens eget sjokk, så den forkaster altfor "
     "sjelden (MacKinnon & Webb 2017); se radene med randomiseringsinferens (placeboklynger, Conley–Taber)"},
    {"placebo clusters: the treatment moved to %s of the %.0f possible sets of %zu of %zu clusters (same start); p = "
     "share with |estimate| >= the actual (%zu assignments in %zu)%s; smallest possible p = one in %zu = %.4g; "
     "attained size of a test at %s: %s%s",
     "placeboklynger: behandlingen flyttet til %s av de %.0f mulige settene av %zu av %zu klynger (samme start); p = "
     "andelen med |estimat| >= det faktiske (%zu tildelinger av %zu)%s; minste mulige p = én av %zu = %.4g; oppnådd "
     "testnivå ved %s: %s%s"},
    {"each", "hvert", PART},
    {"a random sample", "et tilfeldig utvalg", PART},
    {", exact", ", eksakt", PART},
    {" (it can never reject at that level)", " (den kan aldri forkaste på det nivået)", PART},
    {"placebo clusters on the CR1 t-statistic (MacKinnon & Webb 2020; robust to clusters of different sizes): p = "
     "share with |t| >= the actual (%zu assignments in %zu); smallest possible p = one in %zu = %.4g; attained size of "
     "a test at %s: %s",
     "placeboklynger på CR1-t-statistikken (MacKinnon & Webb 2020; robust mot ulike klyngestørrelser): p = andelen "
     "med |t| >= den faktiske (%zu tildelinger av %zu); minste mulige p = én av %zu = %.4g; oppnådd testnivå ved %s: "
     "%s"},
    {"attained coverage %s%s (requested %s)%s: Conley & Taber (2011), distribution of the treated cluster%s error term "
     "from %zu control clusters' cluster-period mean residuals (%s %zu draws); interval = estimate minus the draws' "
     "order statistics %zu and %zu%s; p = (1 + %s) / %zu, smallest possible %.4g%s%s",
     "oppnådd dekning %s%s (ønsket %s)%s: Conley & Taber (2011), fordelingen av den behandlede klyngens%s feilledd "
     "fra %zu kontrollklyngers gjennomsnittlige residualer per klynge og periode (%s %zu trekninger); intervall = "
     "estimatet minus trekningenes ordensstatistikker %zu og %zu%s; p = (1 + %s) / %zu, minste mulige %.4g%s%s"},
    {"about ", "omtrent ", PART},
    {"; Ferman & Pinto (2019) size correction: var(W | M) = %.4g + %.4g/M fitted on the controls, each control's draw "
     "rescaled to the treated cluster's size",
     "; Ferman & Pinto (2019)-korreksjon for størrelse: var(W | M) = %.4g + %.4g/M tilpasset på kontrollene, hver "
     "kontrolls trekning skalert til den behandlede klyngens størrelse",
     PART},
    {"; Ferman & Pinto (2019) correction not applied: %s", "; Ferman & Pinto (2019)-korreksjonen er ikke brukt: %s",
     PART},
    {"the fitted variance model A + B/M is not positive for every cluster",
     "den tilpassede variansmodellen A + B/M er ikke positiv for hver klynge", PART},
    {", the most these controls allow", ", det meste disse kontrollene tillater", PART},
    {"'s", "", PART},
    {"s'", "", PART},
    {"all", "alle", PART},
    {"random", "tilfeldige", PART},
    {" (minimum to maximum)", " (minimum til maksimum)", PART},
    {"draws with |W| >= |estimate|", "trekninger med |W| >= |estimat|", PART},
    {"; assumes exchangeable cluster errors (similar cluster sizes)",
     "; forutsetter utskiftbare klyngefeil (like store klynger)", PART},
    {"Abadie et al. (2010): cluster-by-period means; weights fitted on %zu pre-periods (RMSPE %.4g); estimate = mean "
     "gap after treatment; p = rank of the post/pre RMSPE ratio among %zu units (placebo test)",
     "Abadie mfl. (2010): gjennomsnitt per klynge og periode; vekter tilpasset på %zu perioder før (RMSPE %.4g); "
     "estimat = gjennomsnittlig avstand etter behandlingen; p = rangen til forholdet RMSPE etter/før blant %zu enheter "
     "(placebotest)"},
    {"synthetic control weights did not converge in %d iterations",
     "vektene for syntetisk kontroll konvergerte ikke i løpet av %d iterasjoner"},
    {"CR1 unreliable with one treated cluster; see method randomization",
     "CR1 er upålitelig med én behandlet klynge; se metoden randomization"},
    {"CR1, t on G-1 df", "CR1, t med G-1 fg"},
    {"reference period (normalised to 0)", "referanseperiode (satt til 0)"},
    {"reference period (universal base: 0 by construction)", "referanseperiode (felles referanse: 0 per konstruksjon)"},
    {"no lead before the reference period to test", "ingen ledende ledd før referanseperioden å teste"},
    {"p = share of placebo-cluster assignments with |coefficient| >= the actual",
     "p = andelen placebotildelinger av klynger med |koeffisient| >= den faktiske"},
    {"no pre-period group-time effect to test", "ingen gruppe-tid-virkning før start å teste"},
    {"placebo regression failed", "placeboregresjonen mislyktes"},
    {"estimate with the treatment moved here; statistic = its CR1 t",
     "estimat med behandlingen flyttet hit; statistikk = dens CR1-t"},
    {"2x2 DiD with already-treated units as controls (forbidden); statistic = weight in the TWFE coefficient",
     "2x2-DiD med allerede behandlede enheter som kontroller (forbudt); statistikk = vekt i TWFE-koeffisienten"},
    {"2x2 DiD; statistic = weight in the TWFE coefficient", "2x2-DiD; statistikk = vekt i TWFE-koeffisienten"},
    {"weighted mean of the type's 2x2 estimates; statistic = total weight",
     "vektet gjennomsnitt av typens 2x2-estimater; statistikk = samlet vekt"},
    {"joint Wald test that the %zu leads are 0: F(%zu, %.0f) with CR1%s",
     "felles Wald-test av at de %zu ledende leddene er 0: F(%zu, %.0f) med CR1%s"},
    {"; unreliable with one treated cluster, see method randomization",
     "; upålitelig med én behandlet klynge, se metoden randomization", PART},
    {"sum of squared leads against the same statistic with the treatment moved to %s placebo assignments",
     "summen av kvadrerte ledende ledd mot samme statistikk med behandlingen flyttet til %s placebotildelinger"},
    {"sampled", "utvalgte", PART},
    {"Callaway & Sant'Anna (2021), unconditional; %s; %s; %s%s",
     "Callaway & Sant'Anna (2021), ubetinget; %s; %s; %s%s"},
    {"se: cluster-robust from the influence function (%zu clusters); interval: cluster multiplier bootstrap, %ld "
     "Rademacher draws (the did stream), %.0f%% basic; p: normal",
     "se: klyngerobust fra influensfunksjonen (%zu klynger); intervall: multiplikatorbootstrap over klynger, %ld "
     "Rademacher-trekninger (did-strømmen), %.0f %% basic; p: normaltilnærming",
     PART},
    {"cohort effects weighted by cohort size", "kohortvirkninger vektet med kohortstørrelse"},
    {"mean of the event-time effects at 0, 1, ... (exposure-weighted as R did's dynamic overall)",
     "gjennomsnittet av virkningene etter hendelsestid 0, 1, ... (vektet med eksponering, som i R-pakken did)"},
    {"never-treated controls", "kontroller som aldri ble behandlet", PART},
    {"never- and not-yet-treated controls", "kontroller som aldri eller ennå ikke ble behandlet", PART},
    {"universal base period (g-1 for every t)", "felles referanseperiode (g-1 for hver t)", PART},
    {"varying base period (g-1 after the start, t-1 before it; as R did)",
     "varierende referanseperiode (g-1 etter start, t-1 før; som R-pakken did)", PART},
    {"%zu cohort of one cluster: its own shocks are not in the se (the cohort's cluster-level influence is 0), so "
     "the interval is too narrow for it",
     "%zu kohort med én klynge: dens egne sjokk er ikke med i se (kohortens innflytelse på klyngenivå er 0), så "
     "intervallet er for smalt for den",
     PART},
    {"%zu cohorts of one cluster: its own shocks are not in the se (the cohort's cluster-level influence is 0), so "
     "the interval is too narrow for it",
     "%zu kohorter med én klynge: deres egne sjokk er ikke med i se (kohortens innflytelse på klyngenivå er 0), så "
     "intervallet er for smalt for dem",
     PART},
    {" %.1f%% of its weight is on these forbidden comparisons (bacon rows)",
     " %.1f %% av vekten ligger på disse forbudte sammenligningene (bacon-radene)", PART},
    {"%.1f%% of its weight is on these forbidden comparisons (bacon rows)",
     "%.1f %% av vekten ligger på disse forbudte sammenligningene (bacon-radene)"},
    {"%zu of %zu of them have the opposite sign of the clean comparisons' average (%.4g)",
     "%zu av %zu av dem har motsatt fortegn av gjennomsnittet for de rene sammenligningene (%.4g)"},
    {"Use cs_aggregate simple (Callaway-Sant'Anna): %.4g%s.", "Bruk cs_aggregate simple (Callaway–Sant'Anna): %.4g%s."},
    {", of the OTHER SIGN", ", med MOTSATT FORTEGN", PART},
    {"mean of the cohort's post-period effects; %zu units (share %.4g)",
     "gjennomsnittet av kohortens virkninger etter start; %zu enheter (andel %.4g)"},
    {"event time before the start (a pre-trend)", "hendelsestid før start (en trend før)"},
    {"event time since the start", "hendelsestid etter start"},
    {"cohort %ld in %ld against %ld; %zu treated, %zu control units",
     "kohort %ld i %ld mot %ld; %zu behandlede, %zu kontrollenheter"},
    {"the cluster covariance of the %zu pre-period cells is singular (more cells than clusters can inform, or cohorts "
     "of one cluster): no Wald test; see the sup-t band",
     "klyngekovariansen for de %zu cellene før start er singulær (flere celler enn klyngene kan belyse, eller kohorter "
     "med én klynge): ingen Wald-test; se sup-t-båndet"},
    {"joint Wald test that the %zu pre-period ATT(g,t) are 0: chi-square(%zu) with the cluster covariance of their "
     "influence functions",
     "felles Wald-test av at de %zu ATT(g,t) før start er 0: kjikvadrat(%zu) med klyngekovariansen til "
     "influensfunksjonene deres"},
    {"sup-t test: the largest |ATT/se| of the %zu pre-period cells against its multiplier-bootstrap distribution (%ld "
     "draws)",
     "sup-t-test: den største |ATT/se| av de %zu cellene før start mot fordelingen fra multiplikatorbootstrap (%ld "
     "trekninger)"},
    {"Goodman-Bacon (2021): sum of weight x 2x2 estimate; statistic = sum of the weights; the fitted TWFE coefficient "
     "is %.17g (difference %.3g)",
     "Goodman-Bacon (2021): sum av vekt x 2x2-estimat; statistikk = summen av vektene; den tilpassede "
     "TWFE-koeffisienten er %.17g (forskjell %.3g)"},

    /* ---- realworld/: trial against real world (rw_compare.c) ---- */
    {"trial: outcome %s, the mean of the employment-effect path e(t) over months 0 to %g (piecewise linear through 0 "
     "at randomisation and the risk differences at months %s): its integral / %g months; SE the sum of the weighted "
     "timepoint SEs, an upper bound (timepoints taken as perfectly correlated), normal interval",
     "studien: utfall %s, gjennomsnittet av sysselsettingsvirkningens forløp e(t) over månedene 0 til %g (stykkevis "
     "lineært gjennom 0 ved randomiseringen og risikoforskjellene ved månedene %s): integralet / %g måneder; SE er "
     "summen av de vektede SE-ene per tidspunkt, en øvre grense (tidspunktene regnet som perfekt korrelert), "
     "normalintervall"},
    {"registry: difference in differences of %s on %s", "register: forskjell-i-forskjeller for %s på %s"},
    {"registry: Callaway-Sant'Anna simple aggregate of the group-time effects of %s (staggered adoption)",
     "register: Callaway–Sant'Annas enkle aggregat av gruppe-tid-virkningene på %s (forskjøvet innføring)"},
    {"Callaway-Sant'Anna simple aggregate, cluster multiplier-bootstrap interval: adoption is staggered, so the "
     "two-way fixed-effects estimate (%.4g) mixes in forbidden comparisons",
     "Callaway–Sant'Annas enkle aggregat, intervall fra multiplikatorbootstrap over klynger: innføringen er "
     "forskjøvet, "
     "så estimatet med toveis faste effekter (%.4g) blander inn forbudte sammenligninger"},
    {"meta-analysis: pooled RR of %.0f studies (%s)", "metaanalyse: samlet RR fra %.0f studier (%s)"},
    {"level of the intervals derived from the registry effect (ratios): the level its interval attains",
     "nivået til intervallene avledet fra registervirkningen (forholdstall): nivået intervallet oppnår"},
    {"level of the derived intervals (ratios)", "nivået til de avledede intervallene (forholdstall)"},
    {"normal quantile of interval_level, for the delta-method and Fieller intervals of the ratios",
     "normalkvantilen for interval_level, for intervallene etter deltametoden og Fieller for forholdstallene"},
    {"normal quantile of the run's confidence level, for the transported effect and the part of the gap it explains "
     "(no registry interval enters them)",
     "normalkvantilen for kjøringens konfidensnivå, for den overførte virkningen og delen av gapet den forklarer "
     "(ingen registerintervall inngår i dem)"},
    {"trial: risk difference at month %g (Newcombe interval; SE from the Wald test), one point of the effect path",
     "studien: risikoforskjell ved måned %g (Newcombe-intervall; SE fra Wald-testen), ett punkt på virkningsforløpet"},
    {"share employed in the trial's control arm at the last timepoint",
     "andel i arbeid i studiens kontrollgruppe ved siste tidspunkt"},
    {"%s; used: %s%s%s", "%s; brukt: %s%s%s"},
    {"the typed-in figure (the run has no [registry])", "det innskrevne tallet (kjøringen har ingen [registry])", PART},
    {"the typed-in registry_effect %g (%g to %g) is not used: the run estimates its own from [registry]",
     "den innskrevne registry_effect %g (%g til %g) brukes ikke: kjøringen estimerer sin egen fra [registry]"},
    {"%s interval, as [compare] registry_interval asks", "%s-intervallet, slik [compare] registry_interval ber om"},
    {"%s interval (the first available of wild, cr2, cr1, cr1_areg, classical)%s",
     "%s-intervallet (det første tilgjengelige av wild, cr2, cr1, cr1_areg, classical)%s"},
    {"; flagged unreliable by the registry analysis", "; merket upålitelig av registeranalysen", PART},
    {"%.1f%% interval: the level the registry's %s interval attains, not %.0f%%",
     "%.1f %% intervall: nivået registerets %s-intervall oppnår, ikke %.0f %%"},
    {"%.0f%% interval", "%.0f %% intervall"},
    {"BJPsych Bulletin: IPS, duration of employment support and equity of access and outcome in routine clinical "
     "practice (gained or kept a job or education)",
     "BJPsych Bulletin: studie av IPS i rutinemessig klinisk praksis (fikk eller beholdt jobb eller utdanning)"},
    {"Pelizza L et al. Early Interv Psychiatry 2020, doi 10.1111/eip.12883 (crude competitive employment, 3 years)",
     "Pelizza L mfl. Early Interv Psychiatry 2020, doi 10.1111/eip.12883 (rå andel i ordinært arbeid, 3 år)"},
    {"Conley-Taber interval: with one treated cluster the cluster-robust and wild-bootstrap intervals are unreliable",
     "Conley–Taber-intervallet: med én behandlet klynge er de klyngerobuste intervallene og intervallene fra vill "
     "bootstrap upålitelige",
     PART},
    {"attained coverage %.1f%%", "oppnådd dekning %.1f %%"},
    {"intention to treat: mean employment effect %.2f percentage points x %g workdays a year x position share %g = "
     "workdays per person-year; %s",
     "etter tildelt gruppe (ITT): gjennomsnittlig sysselsettingsvirkning %.2f prosentpoeng x %g arbeidsdager i året x "
     "stillingsandel %g = arbeidsdager per personår; %s"},
    {"per member of the exposed population (everyone the registry effect averages over); %.1f%% interval%s; %s",
     "per medlem av den eksponerte befolkningen (alle som registervirkningen er et gjennomsnitt over); %.1f %% "
     "intervall%s; %s"},
    {" (the level the registry interval attains)", " (nivået registerintervallet oppnår)", PART},
    {"per IPS user: the per-member effect / take-up %.4g (%g IPS users among %g exposed, post-period) (Bloom 1984; an "
     "upper bound if IPS also changed outcomes of non-users through spill-overs, as the Bodø design intends); %.1f%% "
     "interval",
     "per IPS-bruker: virkningen per medlem / oppslutning %.4g (%g IPS-brukere blant %g eksponerte, etter start) "
     "(Bloom 1984; en øvre grense hvis IPS også endret utfallene for ikke-brukere gjennom smitteeffekter, slik "
     "Bodø-opplegget tar sikte på); %.1f %% intervall"},
    {"target population: share of %s = %g; source: %s (%s)", "målbefolkning: andel %s = %g; kilde: %s (%s)"},
    {"target population: mean of %s = %g; source: %s (%s)", "målbefolkning: gjennomsnitt av %s = %g; kilde: %s (%s)"},
    {"the trial's risk difference with each arm weighted to the target population (entropy weights, Signorovitch et "
     "al. 2010); SE sqrt(SE1^2 + SE0^2) from the two arms' sandwich variances; normal %.0f%% interval; the trial's "
     "own (unweighted) %.4f",
     "studiens risikoforskjell med hver gruppe vektet til målbefolkningen (entropivekter, Signorovitch mfl. 2010); SE "
     "sqrt(SE1^2 + SE0^2) fra de to gruppenes sandwich-varianser; normalt %.0f %% intervall; studiens egen (uvektet) "
     "%.4f"},
    {"trial transported to the registry population: %s (share employed), each arm weighted to %s; sandwich SE with "
     "every timepoint stacked; normal %.0f%% interval",
     "studien overført til registerbefolkningen: %s (andel i arbeid), hver gruppe vektet til %s; sandwich-SE med alle "
     "tidspunkter stablet; normalt %.0f %% intervall"},
    {"the mean of its transported effect path", "gjennomsnittet av dens overførte virkningsforløp", PART},
    {"its transported effect", "dens overførte virkning", PART},
    {"its effect", "dens virkning", PART},
    {"the trial's effect minus the transported one (share employed): the part explained by who the participants are; "
     "SE from both estimates' influence on the same participants",
     "studiens virkning minus den overførte (andel i arbeid): delen som forklares av hvem deltakerne er; SE fra begge "
     "estimatenes innflytelse på de samme deltakerne"},
    {"the trial transported to the registry population (%zu covariates of %s): %s x %g workdays x position share %g; "
     "sandwich SE over the participants with every timepoint stacked (the weights' estimation included); normal "
     "%.0f%% interval",
     "studien overført til registerbefolkningen (%zu kovariater fra %s): %s x %g arbeidsdager x stillingsandel %g; "
     "sandwich-SE over deltakerne med alle tidspunkter stablet (estimeringen av vektene medregnet); normalt %.0f %% "
     "intervall"},
    {"the trial transported to the registry population (%zu covariate of %s): %s x %g workdays x position share %g; "
     "sandwich SE over the participants with every timepoint stacked (the weights' estimation included); normal "
     "%.0f%% interval",
     "studien overført til registerbefolkningen (%zu kovariat fra %s): %s x %g arbeidsdager x stillingsandel %g; "
     "sandwich-SE over deltakerne med alle tidspunkter stablet (estimeringen av vektene medregnet); normalt %.0f %% "
     "intervall"},
    {"the part of the gap explained by who the participants are: the trial's effect minus the trial transported to "
     "the registry population (%.3g - %.3g); SE of the difference from both estimates' influence on the same "
     "participants; normal %.0f%% interval",
     "delen av gapet som forklares av hvem deltakerne er: studiens virkning minus studien overført til "
     "registerbefolkningen (%.3g - %.3g); SE for forskjellen fra begge estimatenes innflytelse på de samme "
     "deltakerne; normalt %.0f %% intervall"},
    {"the gap between the trial and the real world: the trial's effect minus the registry effect %s; SE from the two, "
     "independent; %s",
     "gapet mellom studien og praksis: studiens virkning minus registervirkningen %s; SE fra de to, uavhengige; %s"},
    {"the part that remains once the trial stands for the registry population: the transported trial effect minus the "
     "registry effect %s (delivery, fidelity, context); SE from the two, independent; %s",
     "delen som gjenstår når studien står for registerbefolkningen: den overførte studievirkningen minus "
     "registervirkningen %s (gjennomføring, trofasthet, sammenheng); SE fra de to, uavhengige; %s"},
    {"per member (no take-up given)", "per medlem (ingen oppslutning oppgitt)", PART},
    {"pooled risk ratio of published trials on its own scale: a ratio of cumulative incidence ('ever employed' over "
     "follow-up), not person-time, so it is not converted to workdays or work-years; %s",
     "samlet relativ risiko fra publiserte studier på sin egen skala: et forhold mellom kumulative insidenser ('noen "
     "gang i arbeid' i oppfølgingstiden), ikke persontid, så den regnes ikke om til arbeidsdager eller årsverk; %s"},
    {"%s / the trial's intention-to-treat effect (both in workdays per person-year); delta method with the two "
     "estimates independent; %s; 1 = the real world matches the trial",
     "%s / studiens ITT-virkning (begge i arbeidsdager per personår); deltametoden med de to estimatene uavhengige; "
     "%s; 1 = praksis svarer til studien"},
    {"real-world effect per IPS user", "virkningen i praksis per IPS-bruker", PART},
    {"real-world effect per member (needs no take-up)", "virkningen i praksis per medlem (trenger ingen oppslutning)",
     PART},
    {"Fieller's interval for the same ratio (exact under normality of both estimates); %s",
     "Fiellers intervall for det samme forholdet (eksakt under normalfordeling av begge estimatene); %s"},
    {"Fieller's interval is unbounded: the trial's interval at this level includes 0, so no finite ratio is "
     "excluded; %s",
     "Fiellers intervall er ubegrenset: studiens intervall på dette nivået omfatter 0, så ikke noe endelig "
     "forholdstall er utelukket; %s"},
    {"registry effect per member %.3g days x %g exposed / %g workdays per full-time year = full-time work-years a "
     "year; %.1f%% interval (the registry interval's)",
     "registervirkning per medlem %.3g dager x %g eksponerte / %g arbeidsdager per heltidsår = årsverk per år; %.1f "
     "%% intervall (registerintervallets)"},
    {"if every exposed person had the trial's intention-to-treat effect (%.3g days): x %g / %g",
     "om hver eksponert person hadde studiens ITT-virkning (%.3g dager): x %g / %g"},
    {"the trial's intervention arm at the last timepoint", "studiens tiltaksgruppe ved siste tidspunkt"},
    {"the trial's control arm at the last timepoint", "studiens kontrollgruppe ved siste tidspunkt"},
};

const size_t rpt_n_label_msgs = sizeof rpt_label_msgs / sizeof rpt_label_msgs[0];
