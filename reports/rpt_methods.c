/* The Methods sheet's knowledge: what each (analysis, method) is and where it comes from. */
#include "reports/rpt_internal.h"

#include <string.h>

#define AGRESTI "Agresti A. Categorical Data Analysis, 3rd ed. Wiley, 2013"
#define FISHER_REF                                                                                 \
    "Fisher RA. The logic of inductive inference. J R Stat Soc 1935;98:39-82; " AGRESTI ", §3.5"
#define NEWCOMBE_REF                                                                               \
    "Newcombe RG. Interval estimation for the difference between independent proportions: "     \
    "comparison of eleven methods. Stat Med 1998;17:873-890"
#define HC_REF                                                                                     \
    "MacKinnon JG, White H. Some heteroskedasticity-consistent covariance matrix estimators with " \
    "improved finite sample properties. J Econometrics 1985;29:305-325"
#define KM_REF                                                                                     \
    "Kaplan EL, Meier P. Nonparametric estimation from incomplete observations. J Am Stat Assoc "  \
    "1958;53:457-481"
#define COX_REF "Cox DR. Regression models and life-tables. J R Stat Soc B 1972;34:187-220"
#define GEE_REF                                                                                    \
    "Liang KY, Zeger SL. Longitudinal data analysis using generalized linear models. Biometrika "  \
    "1986;73:13-22"
#define SF_REF                                                                                     \
    "Shrout PE, Fleiss JL. Intraclass correlations: uses in assessing rater reliability. Psychol " \
    "Bull 1979;86:420-428"

/* Exact (analysis, method) entries come before an analysis's generic entry (method NULL). */
static const rpt_method_info table[] = {
    /* rct: binary outcomes */
    {"arm_summary", "wilson", "Proportion with Wilson score interval",
     "Share of each arm with the outcome among those analysed, with the Wilson score interval.",
     "Wilson EB. Probable inference, the law of succession, and statistical inference. "
     "J Am Stat Assoc 1927;22:209-212"},
    {"arm_summary", NULL, "Arm summary", "Proportion or mean of each arm with its interval.",
     "see the ipseval methods guide"},
    {"risk_difference", "newcombe", "Newcombe hybrid score interval (method 10)",
     "Difference in proportions (intervention minus control); the interval combines the Wilson "
     "intervals of the two arms and keeps good coverage with small counts.",
     NEWCOMBE_REF},
    {"risk_difference", "wald", "Wald interval (method 1)",
     "Difference in proportions with the simple normal-approximation interval; unreliable with "
     "small counts, shown for comparison.",
     NEWCOMBE_REF},
    {"risk_ratio", "log_wald", "Risk ratio with log (Katz) interval",
     "Ratio of the proportions (intervention / control); interval from the normal approximation "
     "on the log scale.",
     "Katz D, Baptista J, Azen SP, Pike MC. Obtaining confidence intervals for the risk ratio in "
     "cohort studies. Biometrics 1978;34:469-474"},
    {"odds_ratio", "woolf", "Odds ratio with Woolf (logit) interval",
     "Sample odds ratio; interval from the normal approximation on the log scale.",
     "Woolf B. On estimating the relation between blood group and disease. Ann Hum Genet "
     "1955;19:251-253"},
    {"odds_ratio", "fisher_cmle", "Conditional maximum-likelihood odds ratio, exact interval",
     "Odds ratio maximising the conditional (non-central hypergeometric) likelihood, with the "
     "exact conditional interval, as R fisher.test.",
     FISHER_REF},
    {"fisher_exact", "two_sided", "Fisher's exact test, two-sided",
     "Exact conditional test of no association between arm and outcome; the two-sided p-value "
     "sums the tables no more probable than the observed one, as R fisher.test.",
     FISHER_REF},
    {"chisq_test", "pearson", "Pearson chi-square test",
     "Test of no association between arm and outcome in the 2x2 table.",
     "Pearson K. On the criterion that a given system of deviations from the probable in the "
     "case of a correlated system of variables is such that it can be reasonably supposed to "
     "have arisen from random sampling. Philos Mag 1900;50:157-175"},
    {"number_needed_to_treat", NULL, "Number needed to treat",
     "Reciprocal of the risk difference: people offered the intervention per extra person with "
     "the outcome.",
     "Altman DG. Confidence intervals for the number needed to treat. BMJ 1998;317:1309-1312"},
    {"logistic", NULL, "Logistic regression (maximum likelihood)",
     "Log-odds of the outcome regressed on arm (and covariates when adjusted).", AGRESTI},
    /* rct: continuous outcomes */
    {"mean_difference", "welch", "Welch t interval",
     "Difference in means with the unequal-variance t interval and Welch-Satterthwaite df.",
     "Welch BL. The generalization of 'Student's' problem when several different population "
     "variances are involved. Biometrika 1947;34:28-35"},
    {"mean_difference", "student", "Student t interval",
     "Difference in means with the pooled-variance t interval.",
     "Student. The probable error of a mean. Biometrika 1908;6:1-25"},
    {"ancova", "hc2", "ANCOVA with HC2 standard errors",
     "Outcome regressed on arm and baseline; heteroskedasticity-consistent (HC2) errors.",
     HC_REF},
    {"ancova", "hc3", "ANCOVA with HC3 standard errors",
     "Outcome regressed on arm and baseline; heteroskedasticity-consistent (HC3) errors.",
     HC_REF},
    {"ancova", NULL, "ANCOVA (least squares)", "Outcome regressed on arm and baseline value.",
     "see the ipseval methods guide"},
    {"hedges_g", NULL, "Hedges' g",
     "Standardised mean difference with the small-sample correction.",
     "Hedges LV. Distribution theory for Glass's estimator of effect size and related "
     "estimators. J Educ Stat 1981;6:107-128"},
    {"wilcoxon", NULL, "Wilcoxon rank-sum test", "Rank-based test of a shift between arms.",
     "Wilcoxon F. Individual comparisons by ranking methods. Biometrics Bull 1945;1:80-83"},
    /* rct: longitudinal and time to event */
    {"gee_logistic", NULL, "GEE logistic model",
     "Population-average log-odds model with a working correlation and robust errors.", GEE_REF},
    {"gee_linear", NULL, "GEE linear model",
     "Population-average linear model with a working correlation and robust errors.", GEE_REF},
    {"km_median", NULL, "Kaplan-Meier median", "Median time to event from the Kaplan-Meier curve.",
     KM_REF},
    {"km_survival", NULL, "Kaplan-Meier survival",
     "Share still without the event at a given time, from the Kaplan-Meier curve.", KM_REF},
    {"logrank", NULL, "Log-rank test", "Test of equal event-time distributions in the two arms.",
     "Mantel N. Evaluation of survival data and two new rank order statistics arising in its "
     "consideration. Cancer Chemother Rep 1966;50:163-170"},
    {"cox", "efron", "Cox model, Efron ties",
     "Proportional hazards model; tied event times handled by Efron's approximation.",
     COX_REF "; Efron B. The efficiency of Cox's likelihood function for censored data. "
             "J Am Stat Assoc 1977;72:557-565"},
    {"cox", "breslow", "Cox model, Breslow ties",
     "Proportional hazards model; tied event times handled by Breslow's approximation.",
     COX_REF "; Breslow N. Covariance analysis of censored survival data. Biometrics "
             "1974;30:89-99"},
    {"cox", NULL, "Cox proportional hazards model", "Proportional hazards model.", COX_REF},
    {"cox_adjusted", NULL, "Adjusted Cox model", "Proportional hazards model with covariates.",
     COX_REF},
    {"cace", NULL, "Complier average causal effect (instrumental variables)",
     "Effect of receiving the intervention among compliers, randomisation as the instrument (Wald ratio, 2SLS).",
     "Angrist JD, Imbens GW, Rubin DB. Identification of causal effects using instrumental variables. J Am Stat "
     "Assoc 1996;91:444-455"},
    {"first_stage", NULL, "First stage of the instrumental-variable analysis",
     "Difference between arms in the share receiving the intervention, with the instrument's F statistic.",
     "Staiger D, Stock JH. Instrumental variables regression with weak instruments. Econometrica 1997;65:557-586"},
    {"ph_test", NULL, "Test of proportional hazards (Schoenfeld residuals)",
     "Score test per term and global of a log hazard ratio that changes with 1 - KM(t), as R's cox.zph.",
     "Grambsch PM, Therneau TM. Proportional hazards tests and diagnostics based on weighted residuals. "
     "Biometrika 1994;81:515-526"},
    {"rmst", NULL, "Restricted mean survival time",
     "Mean time without the event up to a horizon: the area under the Kaplan-Meier curve.",
     "Royston P, Parmar MKB. Restricted mean survival time: an alternative to the hazard ratio for the design "
     "and analysis of randomized trials with a time-to-event outcome. BMC Med Res Methodol 2013;13:152"},
    {"rmst_difference", NULL, "Difference in restricted mean survival time",
     "Difference between arms in mean time without the event up to the horizon; valid without proportional "
     "hazards.",
     "Uno H, et al. Moving beyond the hazard ratio in quantifying the between-group difference in survival "
     "analysis. J Clin Oncol 2014;32:2380-2385"},
    {"rmst_ratio", NULL, "Ratio of restricted mean survival times",
     "Ratio between arms of mean time without the event up to the horizon.",
     "Uno H, et al. Moving beyond the hazard ratio in quantifying the between-group difference in survival "
     "analysis. J Clin Oncol 2014;32:2380-2385"},
    /* fidelity and agreement */
    {"icc", NULL, "Intraclass correlation",
     "Agreement or consistency of raters' scores (Shrout-Fleiss forms).", SF_REF},
    {"kappa", "unweighted", "Cohen's kappa", "Chance-corrected agreement of two raters.",
     "Cohen J. A coefficient of agreement for nominal scales. Educ Psychol Meas 1960;20:37-46"},
    {"kappa", NULL, "Weighted kappa",
     "Chance-corrected agreement of two raters with partial credit for near agreement.",
     "Cohen J. Weighted kappa. Psychol Bull 1968;70:213-220"},
    {"fleiss_kappa", NULL, "Fleiss' kappa", "Chance-corrected agreement of many raters.",
     "Fleiss JL. Measuring nominal scale agreement among many raters. Psychol Bull "
     "1971;76:378-382"},
    {"cronbach_alpha", NULL, "Cronbach's alpha", "Internal consistency of a scale's items.",
     "Cronbach LJ. Coefficient alpha and the internal structure of tests. Psychometrika "
     "1951;16:297-334"},
    /* difference in differences */
    {"twfe", "cr2", "Two-way fixed effects, CR2 errors",
     "Bell-McCaffrey cluster-robust errors with Satterthwaite degrees of freedom.",
     "Bell RM, McCaffrey DF. Bias reduction in standard errors for linear regression with "
     "multi-stage samples. Surv Methodol 2002;28:169-181"},
    {"twfe", "wild", "Two-way fixed effects, wild cluster bootstrap",
     "Restricted wild cluster bootstrap p-value and interval by test inversion.",
     "Cameron AC, Gelbach JB, Miller DL. Bootstrap-based improvements for inference with "
     "clustered errors. Rev Econ Stat 2008;90:414-427"},
    {"synthetic_control", NULL, "Synthetic control",
     "Weighted combination of untreated units matching the treated unit before treatment.",
     "Abadie A, Diamond A, Hainmueller J. Synthetic control methods for comparative case "
     "studies. J Am Stat Assoc 2010;105:493-505"},
    /* meta-analysis */
    {"pooled", "dl", "DerSimonian-Laird random effects",
     "Inverse-variance pooling with the method-of-moments between-study variance.",
     "DerSimonian R, Laird N. Meta-analysis in clinical trials. Control Clin Trials "
     "1986;7:177-188"},
    {"pooled", "reml", "REML random effects",
     "Inverse-variance pooling with the restricted maximum-likelihood between-study variance.",
     "Viechtbauer W. Bias and efficiency of meta-analytic variance estimators in the "
     "random-effects model. J Educ Behav Stat 2005;30:261-293"},
    {"pooled", "pm", "Paule-Mandel random effects",
     "Inverse-variance pooling with the Paule-Mandel between-study variance.",
     "Paule RC, Mandel J. Consensus values and weighting factors. J Res Natl Bur Stand "
     "1982;87:377-385"},
    {"pooled", "mh", "Mantel-Haenszel fixed effect",
     "Mantel-Haenszel pooled ratio across studies.",
     "Mantel N, Haenszel W. Statistical aspects of the analysis of data from retrospective "
     "studies of disease. J Natl Cancer Inst 1959;22:719-748"},
    {"heterogeneity", NULL, "Heterogeneity statistics",
     "Between-study variance tau², I², H² and Cochran's Q.",
     "Higgins JPT, Thompson SG. Quantifying heterogeneity in a meta-analysis. Stat Med "
     "2002;21:1539-1558"},
};

static const rpt_method_table base = {table, sizeof table / sizeof table[0]};

/*
 * Every table rpt_method_lookup searches, in order. A module's table can live in its own file:
 * define `const rpt_method_table rpt_methods_<module>` there, declare it in rpt_internal.h,
 * add one line here.
 */
static const rpt_method_table *const tables[] = {
    &base,
    &rpt_methods_cba,
    &rpt_methods_cea,
    &rpt_methods_meta,
    &rpt_methods_compare,
    &rpt_methods_longitudinal,
    &rpt_methods_did,
    &rpt_methods_fidelity,
    &rpt_methods_rct,
    &rpt_methods_practice,
};

const rpt_method_info *rpt_method_at(size_t k)
{
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        if (k < tables[t]->n)
            return &tables[t]->entries[k];
        k -= tables[t]->n;
    }
    return NULL;
}

static int same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* Exact entries of every table before any generic entry, so a generic entry in an earlier table
 * never hides an exact one in a later table. */
const rpt_method_info *rpt_method_lookup(const char *analysis, const char *method)
{
    size_t nt = sizeof tables / sizeof tables[0];
    if (!analysis)
        return NULL;
    for (size_t t = 0; t < nt; t++)
        for (size_t i = 0; i < tables[t]->n; i++) {
            const rpt_method_info *m = &tables[t]->entries[i];
            if (same(m->analysis, analysis) && m->method && same(m->method, method))
                return m;
        }
    for (size_t t = 0; t < nt; t++)
        for (size_t i = 0; i < tables[t]->n; i++) {
            const rpt_method_info *m = &tables[t]->entries[i];
            if (same(m->analysis, analysis) && !m->method)
                return m;
        }
    return NULL;
}
