/* The interview's batch of hypothetical answers (engine/near.py, interview/policy.py):
 * the rows' log scores and their triage levels in compiled code.
 *
 * Optional: built by `pip install` where a C compiler and Python's headers are at
 * hand; without it near.py and policy.py do the same work with numpy. Every float
 * is the one numpy computes (tests/engine/test_near_native.py compares them bit for
 * bit): each sum is taken in the order numpy's reductions take it (numpy's pairwise
 * summation, below), and the build turns off the contraction of a*b+c into one fused
 * instruction (-ffp-contract=off, pyproject.toml). No exponential or logarithm is
 * taken here: the mixture of the co-existing ache (logaddexp) and the softmax stay
 * numpy's, between the two calls of this module.
 *
 * Arrays come in through the buffer protocol, C-contiguous float64 (int64 for
 * indices and ranks, one byte for booleans), shaped as near.py and policy.py
 * document; the caller allocates the outputs. The GIL is released while a loop runs.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* numpy's pairwise sum of n doubles at stride s (numpy/_core/src/umath/loops_utils.h):
 * fewer than 8 added one after another from -0.0; up to 128 in eight interleaved
 * partial sums, combined as a tree, the rest added after; more split in two halves
 * (the first a multiple of 8). np.sum over a row, and each column of a reduction
 * along the first axis, is this. */
static double pairwise(const double *a, int64_t n, int64_t s) {
    if (n < 8) {
        double res = -0.0;
        for (int64_t i = 0; i < n; i++) res += a[i * s];
        return res;
    }
    if (n <= 128) {
        double r[8];
        for (int j = 0; j < 8; j++) r[j] = a[j * s];
        int64_t i;
        for (i = 8; i < n - (n % 8); i += 8)
            for (int j = 0; j < 8; j++) r[j] += a[(i + j) * s];
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++) res += a[i * s];
        return res;
    }
    int64_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise(a, n2, s) + pairwise(a + n2 * s, n - n2, s);
}

/* out[j] += the sum over the rows v[0..m) of v[i][j], as np.add.reduceat sums one
 * slice along the first axis (the first row, plus the pairwise sum of the others),
 * then added to out as near._add_rows adds it */
static void add_summed(double *restrict out, const double *v, int64_t m, int64_t w) {
    for (int64_t j = 0; j < w; j++) {
        double acc = v[j];
        if (m > 1) acc = acc + pairwise(v + w + j, m - 1, w);
        out[j] = out[j] + acc;
    }
}

typedef struct {
    int64_t n_rows, w, u, p, n_cells, n_groups;
    const double *lin;        /* (w): the base's linear scores */
    const int64_t *row, *col; /* (n_cells): ascending rows */
    const double *dp, *dn;
    const double *yes, *no;   /* (findings, w) at her trimester */
    const int64_t *local;     /* (findings): a finding's place among the nested ones, or -1 */
    const double *pos_u, *neg_u;  /* (u): the base's state of the nested findings */
    const int64_t *child_u, *parent_u;  /* (p) */
    const double *corr;       /* (4p, w) */
    const int64_t *g_nk, *g_nv, *g_nf;  /* per group of variants */
    const int64_t *g_ks, *g_cols;
    const double *g_change, *g_dpos, *g_dneg;
} Near;

/* the nesting correction of one row from its state (pos, neg over the nested
 * findings): each (child, parent) pair's state that holds, in near._add_nesting's
 * order (both present, parent only, both absent, child only; pair by pair) */
static int add_nesting(const Near *x, double *restrict out, const double *pos,
                       const double *neg, int64_t *picked, double *scratch) {
    int64_t m = 0;
    for (int b = 0; b < 4; b++) {
        for (int64_t q = 0; q < x->p; q++) {
            const double cp = pos[x->child_u[q]], cn = neg[x->child_u[q]];
            const double pp = pos[x->parent_u[q]], pn = neg[x->parent_u[q]];
            const double s = b == 0 ? cp * pp : b == 1 ? cn * pp : b == 2 ? cn * pn : cp * pn;
            if (s != 0.0) picked[m++] = b * x->p + q;
        }
    }
    if (!m) return 0;
    for (int64_t i = 0; i < m; i++)
        memcpy(scratch + i * x->w, x->corr + picked[i] * x->w, (size_t)x->w * sizeof(double));
    add_summed(out, scratch, m, x->w);
    return 0;
}

/* NearScores.posteriors' log scores before the mixture and the softmax: the base
 * rows, then each group's variant rows; owner: each row's base row */
static int near_scores(const Near *x, double *restrict out, int64_t *restrict owner) {
    const int64_t w = x->w, u = x->u;
    double *pos = malloc(sizeof(double) * (size_t)(x->n_rows * u + 2 * u + 1));
    double *neg = malloc(sizeof(double) * (size_t)(x->n_rows * u + 1));
    int64_t maxm = x->n_cells > 4 * x->p ? x->n_cells : 4 * x->p;
    double *scratch = malloc(sizeof(double) * (size_t)((maxm + 1) * w));
    int64_t *picked = malloc(sizeof(int64_t) * (size_t)(4 * x->p + 1));
    if (!pos || !neg || !scratch || !picked) {
        free(pos); free(neg); free(scratch); free(picked);
        return -2;
    }
    double *vpos = pos + x->n_rows * u, *vneg = vpos + u;
    /* the base rows: the base's scores plus their cells, summed as reduceat sums them */
    int64_t c = 0;
    for (int64_t r = 0; r < x->n_rows; r++) {
        double *o = out + r * w;
        memcpy(o, x->lin, (size_t)w * sizeof(double));
        memcpy(pos + r * u, x->pos_u, (size_t)u * sizeof(double));
        memcpy(neg + r * u, x->neg_u, (size_t)u * sizeof(double));
        owner[r] = r;
        int64_t first = c;
        while (c < x->n_cells && x->row[c] == r) c++;
        if (c == first) continue;
        for (int64_t i = first; i < c; i++) {
            const double *y = x->yes + x->col[i] * w, *n = x->no + x->col[i] * w;
            double *v = scratch + (i - first) * w;
            const double a = x->dp[i], b = x->dn[i];
            for (int64_t j = 0; j < w; j++) {
                const double ya = a * y[j], nb = b * n[j];
                v[j] = ya + nb;
            }
            const int64_t l = x->local[x->col[i]];
            if (l >= 0) {  /* np.add.at: one cell after another */
                pos[r * u + l] += a;
                neg[r * u + l] += b;
            }
        }
        add_summed(o, scratch, c - first, w);
    }
    /* the variant rows: their evidence's scores (before its correction) plus the
     * variant's change, group by group */
    int64_t at = x->n_rows, ks_at = 0, v_at = 0, f_at = 0;
    for (int64_t g = 0; g < x->n_groups; g++) {
        const int64_t nk = x->g_nk[g], nv = x->g_nv[g], nf = x->g_nf[g];
        const double *change = x->g_change + v_at * w;
        for (int64_t i = 0; i < nk; i++) {
            const int64_t k = x->g_ks[ks_at + i];
            const double *src = out + k * w;
            for (int64_t v = 0; v < nv; v++) {
                double *o = out + at * w;
                const double *ch = change + v * w;
                for (int64_t j = 0; j < w; j++) o[j] = src[j] + ch[j];
                owner[at] = k;
                at++;
            }
        }
        ks_at += nk;
        v_at += nv;
        f_at += nf;
    }
    /* every row's nesting correction, from its state of the nested findings */
    for (int64_t r = 0; r < x->n_rows; r++)
        add_nesting(x, out + r * w, pos + r * u, neg + r * u, picked, scratch);
    at = x->n_rows;
    ks_at = f_at = 0;
    int64_t vf_at = 0;  /* the groups' (variants x flags) tables, one after another */
    for (int64_t g = 0; g < x->n_groups; g++) {
        const int64_t nk = x->g_nk[g], nv = x->g_nv[g], nf = x->g_nf[g];
        const double *dpos = x->g_dpos + vf_at, *dneg = x->g_dneg + vf_at;
        const int64_t *cols = x->g_cols + f_at;
        for (int64_t i = 0; i < nk; i++) {
            const int64_t k = x->g_ks[ks_at + i];
            for (int64_t v = 0; v < nv; v++) {
                for (int64_t l = 0; l < u; l++) {
                    vpos[l] = pos[k * u + l] + 0.0;
                    vneg[l] = neg[k * u + l] + 0.0;
                }
                for (int64_t f = 0; f < nf; f++) {
                    const int64_t l = x->local[cols[f]];
                    if (l >= 0) {
                        vpos[l] = pos[k * u + l] + dpos[v * nf + f];
                        vneg[l] = neg[k * u + l] + dneg[v * nf + f];
                    }
                }
                add_nesting(x, out + at * w, vpos, vneg, picked, scratch);
                at++;
            }
        }
        ks_at += nk;
        vf_at += nv * nf;
        f_at += nf;
    }
    free(pos); free(neg); free(scratch); free(picked);
    return 0;
}

/* --- the mixture of the co-existing ache and the softmax, around numpy's logaddexp and
 * exp (NearScores.posteriors): the additions, the maximum, the sums and the division */

/* a[r][i] = unmix[i] + s[r][co[i]], b[r][i] = mix[i] + s[r][n_c + i] */
static void mixture_parts(int64_t rows, int64_t w, int64_t n_c, int64_t nco, const double *s,
                          const int64_t *co, const double *unmix, const double *mix,
                          double *restrict a, double *restrict b) {
    for (int64_t r = 0; r < rows; r++) {
        const double *sr = s + r * w;
        for (int64_t i = 0; i < nco; i++) {
            a[r * nco + i] = unmix[i] + sr[co[i]];
            b[r * nco + i] = mix[i] + sr[n_c + i];
        }
    }
}

/* out[r] = z - max(z), z = prior + the row's alone scores with the co-existing ones
 * replaced by their mixture (np.max: a NaN anywhere is the maximum) */
static void centre(int64_t rows, int64_t w, int64_t n_c, int64_t nco, const double *s,
                   const int64_t *co, const double *mixed, const double *prior,
                   double *restrict out) {
    for (int64_t r = 0; r < rows; r++) {
        double *z = out + r * n_c;
        for (int64_t c = 0; c < n_c; c++) z[c] = s[r * w + c];
        for (int64_t i = 0; i < nco; i++) z[co[i]] = mixed[r * nco + i];
        for (int64_t c = 0; c < n_c; c++) z[c] = prior[c] + z[c];
        double top = z[0];
        for (int64_t c = 1; c < n_c && top == top; c++)
            if (z[c] != z[c] || z[c] > top) top = z[c];  /* the first NaN, if any */
        for (int64_t c = 0; c < n_c; c++) z[c] = z[c] - top;
    }
}

/* e[r] = e[r] / the row's sum (np.sum's pairwise order) */
static void normalise(int64_t rows, int64_t n_c, double *e) {
    for (int64_t r = 0; r < rows; r++) {
        double *er = e + r * n_c;
        const double total = pairwise(er, n_c, 1);
        for (int64_t c = 0; c < n_c; c++) er[c] = er[c] / total;
    }
}

/* --- the levels of the rows (LevelPolicy.evaluate after the posteriors) -------------- */

typedef struct {
    int64_t rows, c, n, n_levels, k;
    const double *post;        /* (rows, c) */
    const int64_t *own;        /* (rows): each row's hypothesis */
    const int64_t *cond_ranks; /* (n, c) */
    const double *thr_by_rank; /* (n_levels) */
    const double *own_thr;     /* (c) */
    const uint8_t *unsusp;     /* (n, c) or NULL */
    const int64_t *cum_rank;   /* (k) */
    const double *cum_thr;     /* (k) */
    const uint8_t *aside;      /* (rows - n, c) or NULL: what each variant row does not count */
} Levels;

#define TIE_TOLERANCE 1e-9 /* engine.model.TIE_TOLERANCE */

static int levels(const Levels *x, int64_t *restrict level, double *restrict masked) {
    const int64_t c = x->c;
    for (int64_t r = 0; r < x->rows; r++) {
        const double *p = x->post + r * c;
        const int64_t k = x->own[r];
        const int64_t *ranks = x->cond_ranks + k * c;
        /* the leader: engine.model.leaders (a NaN anywhere: the first) */
        double top = p[0];
        int nan = p[0] != p[0];
        for (int64_t i = 1; i < c; i++) {
            if (p[i] != p[i]) nan = 1;
            else if (p[i] > top) top = p[i];
        }
        int64_t lead = 0;
        if (!nan) {
            const double floor = top - TIE_TOLERANCE;
            while (lead < c && !(p[lead] >= floor)) lead++;
            if (lead == c) lead = 0;
        }
        /* a red-flag variant's row: the conditions the flags it changes do not point to
         * count neither alone, nor summed, nor as its leader */
        const uint8_t *aside = x->aside && r >= x->n ? x->aside + (r - x->n) * c : NULL;
        int64_t by = -1;
        for (int64_t i = 0; i < c; i++) {
            const int64_t rk = ranks[i];
            if (rk < 0 || rk >= x->n_levels) return -1;
            double thr = x->thr_by_rank[rk];
            if (x->own_thr[i] < thr) thr = x->own_thr[i];  /* np.minimum, no NaN here */
            int ok = p[i] >= thr && p[i] > 0.0;
            if (x->unsusp && i != lead && x->unsusp[k * c + i]) ok = 0;
            if (aside && aside[i]) ok = 0;
            if (ok && rk > by) by = rk;
        }
        for (int64_t q = 0; q < x->k; q++) {
            const int64_t rank = x->cum_rank[q];
            for (int64_t i = 0; i < c; i++) {
                int64_t counted = ranks[i];
                if (x->unsusp && i != lead && x->unsusp[k * c + i]) counted = -1;
                if (aside && aside[i]) counted = -1;
                masked[i] = counted >= rank ? p[i] : 0.0;
            }
            if (pairwise(masked, c, 1) >= x->cum_thr[q] && rank > by) by = rank;
        }
        const int64_t lr = aside && aside[lead] ? -1 : ranks[lead];
        const int64_t v = by > lr ? by : lr;
        if (v > level[k]) level[k] = v;
    }
    return 0;
}

/* --- each question's figures from its answers (interview/lookahead.figures) ------------ */

typedef struct {
    int64_t k, c, e, n_q, level0, raise_to;
    const double *posts, *logs;  /* (k, c): the rows' posteriors, log2 where > 0 (else 0) */
    const int64_t *levels;       /* (k) */
    const int64_t *rows, *qi;    /* (e): each answer's row and question */
    const double *prob, *part1;  /* (e): its probability; its part + 1 */
    const double *q_answerable;  /* (n_q) */
    double plausible_answer, lead_change, lead_probability;
} Figs;

/* whether column i comes before column j in np.argsort(-p, kind="stable"): larger
 * first, equal ones in order, NaN last */
static int before(const double *p, int64_t i, int64_t j) {
    const double a = -p[i], b = -p[j];
    if (a != a) return b != b && i < j;
    if (b != b) return 1;
    if (a != b) return a < b;
    return i < j;
}

/* the row's three most probable columns, as np.sort(argsort(...)[:3]) lists them */
static void top3(const double *p, int64_t c, int64_t out[3]) {
    int64_t best[3] = {-1, -1, -1};
    for (int64_t i = 0; i < c; i++) {
        int64_t x = i;
        for (int s = 0; s < 3; s++) {
            if (best[s] < 0) { best[s] = x; break; }
            if (before(p, x, best[s])) { int64_t t = best[s]; best[s] = x; x = t; }
        }
    }
    /* ascending */
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2 - a; b++)
            if (best[b] > best[b + 1]) { int64_t t = best[b]; best[b] = best[b + 1]; best[b + 1] = t; }
    memcpy(out, best, sizeof best);
}

static int64_t leader_of(const double *p, int64_t c) {
    double top = p[0];
    int nan = p[0] != p[0];
    for (int64_t i = 1; i < c; i++) {
        if (p[i] != p[i]) nan = 1;
        else if (p[i] > top) top = p[i];
    }
    if (nan) return 0;
    const double floor = top - TIE_TOLERANCE;
    for (int64_t i = 0; i < c; i++)
        if (p[i] >= floor) return i;
    return 0;
}

static int figures(const Figs *x, double *restrict likely, uint8_t *restrict plausible,
                   double *restrict info, double *restrict dlevel, double *restrict p_em,
                   uint8_t *restrict holds_level, uint8_t *restrict holds_top1,
                   uint8_t *restrict holds_top3, uint8_t *restrict danger_up,
                   int64_t *restrict lead) {
    const int64_t c = x->c, n_q = x->n_q;
    double *entropy = malloc(sizeof(double) * (size_t)(x->k + c + 2 * n_q + 1));
    int64_t *lead_of = malloc(sizeof(int64_t) * (size_t)(x->k + 1));
    uint8_t *moves = malloc((size_t)(x->k + 1));
    if (!entropy || !lead_of || !moves) {
        free(entropy); free(lead_of); free(moves);
        return -2;
    }
    double *prod = entropy + x->k, *top1 = prod + c, *parts = top1 + n_q;
    int64_t t0[3], t[3];
    for (int64_t r = 0; r < x->k; r++) {
        const double *p = x->posts + r * c, *l = x->logs + r * c;
        for (int64_t i = 0; i < c; i++) prod[i] = p[i] * l[i];
        entropy[r] = -pairwise(prod, c, 1);
        lead_of[r] = leader_of(p, c);
        top3(p, c, r ? t : t0);
        moves[r] = r && (t[0] != t0[0] || t[1] != t0[1] || t[2] != t0[2]);
    }
    for (int64_t q = 0; q < n_q; q++) {
        info[q] = dlevel[q] = p_em[q] = top1[q] = parts[q] = 0.0;
        holds_level[q] = holds_top3[q] = danger_up[q] = 0;
    }
    /* np.bincount with weights: each question's sum in the answers' order, from 0.0 */
    for (int64_t n = 0; n < x->e; n++) {
        const int64_t q = x->qi[n], r = x->rows[n], lv = x->levels[r];
        const double pr = x->prob[n];
        if (x->part1[n] > parts[q]) parts[q] = x->part1[n];
        info[q] += pr * entropy[r];
        const int64_t d = lv - x->level0;
        dlevel[q] += pr * (double)(d < 0 ? -d : d);
        const int raising = lv >= x->raise_to && lv > x->level0;
        p_em[q] += pr * (double)raising;
        likely[n] = pr * x->q_answerable[q];
        plausible[n] = likely[n] >= x->plausible_answer;
        if (plausible[n] && lv != x->level0) holds_level[q] = 1;
        top1[q] += likely[n] * (double)(lead_of[r] != lead_of[0]);
        if (plausible[n] && moves[r]) holds_top3[q] = 1;
        if (plausible[n] && raising) danger_up[q] = 1;
    }
    /* posts[0].max() < lead_probability (NaN: no) */
    const double *p0 = x->posts;
    double top = p0[0];
    int nan = p0[0] != p0[0];
    for (int64_t i = 1; i < c; i++) {
        if (p0[i] != p0[i]) nan = 1;
        else if (p0[i] > top) top = p0[i];
    }
    const int unclear = !nan && top < x->lead_probability;
    for (int64_t q = 0; q < n_q; q++) {
        info[q] = entropy[0] * parts[q] - info[q];
        p_em[q] = x->q_answerable[q] * p_em[q];
        holds_top1[q] = top1[q] >= x->lead_change;
        holds_top3[q] = holds_top3[q] && unclear;
    }
    *lead = lead_of[0];
    free(entropy); free(lead_of); free(moves);
    return 0;
}

/* --- the pairs of answers at the emergency line (interview/lookahead.pair_crossing) ---- */

typedef struct {
    int64_t m, r, c, d, n_hyps, n_q;
    int down, has_summed;
    double plausible_answer, summed;
    const double *weighted;      /* (m, c): each first answer's ratio x the posterior now */
    const double *ratio;         /* (r, c): each answer's posterior over the posterior now */
    const double *together;      /* (m, r): weighted @ ratio.T (numpy's product) */
    const int64_t *mine;         /* (m): each first answer's question */
    const int64_t *theirs;       /* (r): each partner's question */
    const double *w_mine, *w_all; /* (m), (r): probability x answerable; NULL: not asked */
    const int64_t *danger;       /* (d): the columns past the line, ascending */
    const uint8_t *danger_mask;  /* (c) */
    const double *thr;           /* (d): their thresholds */
    const uint8_t *unsusp;       /* (n_hyps, c) or NULL: engine.triage's `requires` */
    const int64_t *k_mine, *k_all; /* (m), (r): each answer's hypothesis */
} Pairs;

/* out[q] = 1 for each question q of a first answer that, with a partner of another
 * question, takes the level across the line (or below it, ``down``): numpy's pairs in
 * pair_crossing, the same floats (each pair's row (w x r) / together, its sum over the
 * columns past the line in np.sum's order) and the same tests; a question once marked
 * needs none of its other pairs */
static void pairs(const Pairs *x, uint8_t *restrict out, double *restrict row,
                  double *restrict past) {
    const int64_t c = x->c, d = x->d, r = x->r;
    for (int64_t a = 0; a < x->m; a++) {
        const int64_t q = x->mine[a];
        if (out[q]) continue;
        const double *wa = x->weighted + a * c;
        for (int64_t b = 0; b < r; b++) {
            if (x->theirs[b] == q) continue;
            const double t = x->together[a * r + b];
            if (x->w_mine) {
                if (!(x->w_mine[a] * x->w_all[b] * t >= x->plausible_answer)) continue;
                if (!(x->w_mine[a] <= x->w_all[b])) continue;
            }
            const double *rb = x->ratio + b * c;
            for (int64_t i = 0; i < c; i++) row[i] = wa[i] * rb[i] / t;
            int64_t lead = -1;
            const uint8_t *ua = NULL, *ub = NULL;
            if (x->unsusp) {
                lead = leader_of(row, c);
                ua = x->unsusp + x->k_mine[a] * c;
                ub = x->unsusp + x->k_all[b] * c;
            }
            int above = 0;
            for (int64_t j = 0; j < d; j++) {
                const int64_t col = x->danger[j];
                const int aside = ua && ua[col] && ub[col] && col != lead;
                past[j] = aside ? 0.0 : row[col];
                if (!aside && row[col] >= x->thr[j]) above = 1;
            }
            if (x->has_summed && pairwise(past, d, 1) >= x->summed) above = 1;
            if (!above) {
                if (lead < 0) lead = leader_of(row, c);
                above = x->danger_mask[lead] != 0;
            }
            if (x->down ? !above : above) {
                out[q] = 1;
                break;
            }
        }
    }
}

/* --- the Python side: a tuple of sizes and a tuple of arrays ------------------------ */

typedef struct {
    Py_ssize_t itemsize, need;
    int writable, optional;
} Spec;

/* the buffers of ``arrays`` as ``spec`` says (None for an optional one: buf NULL);
 * on failure every buffer taken is released and -1 returned with an exception set */
static int take_all(PyObject *arrays, const Spec *spec, int count, Py_buffer *v) {
    if (!PyTuple_Check(arrays) || PyTuple_GET_SIZE(arrays) != count) {
        PyErr_Format(PyExc_TypeError, "expected a tuple of %d arrays", count);
        return -1;
    }
    for (int i = 0; i < count; i++) {
        PyObject *obj = PyTuple_GET_ITEM(arrays, i);
        if (spec[i].optional && obj == Py_None) {
            v[i].obj = NULL;
            v[i].buf = NULL;
            continue;
        }
        int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (spec[i].writable ? PyBUF_WRITABLE : 0);
        if (PyObject_GetBuffer(obj, &v[i], flags) < 0 ||
            ((v[i].itemsize != spec[i].itemsize || v[i].len < spec[i].need * spec[i].itemsize)
             && (PyBuffer_Release(&v[i]), 1))) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_ValueError, "array %d: wrong item size or too short", i);
            for (int j = 0; j < i; j++)
                if (v[j].obj) PyBuffer_Release(&v[j]);
            return -1;
        }
    }
    return 0;
}

static void release_all(Py_buffer *v, int count) {
    for (int i = 0; i < count; i++)
        if (v[i].obj) PyBuffer_Release(&v[i]);
}

static int in_range(const int64_t *a, Py_ssize_t n, int64_t lo, int64_t hi) {
    for (Py_ssize_t i = 0; i < n; i++)
        if (a[i] < lo || a[i] >= hi) return 0;
    return 1;
}

#define N_SCORES 23

static PyObject *py_scores(PyObject *self, PyObject *args) {
    (void)self;
    Py_ssize_t n_rows, w, u, p, n_cells, n_groups, n_findings, total;
    PyObject *arrays;
    if (!PyArg_ParseTuple(args, "(nnnnnnnn)O", &n_rows, &w, &u, &p, &n_cells, &n_groups,
                          &n_findings, &total, &arrays))
        return NULL;
    if (n_rows < 1 || w < 1 || u < 0 || p < 0 || n_cells < 0 || n_groups < 0 ||
        n_findings < 1 || total < n_rows) {
        PyErr_SetString(PyExc_ValueError, "sizes out of range");
        return NULL;
    }
    /* the groups' sizes first: the other lengths depend on them */
    if (!PyTuple_Check(arrays) || PyTuple_GET_SIZE(arrays) != N_SCORES) {
        PyErr_Format(PyExc_TypeError, "expected a tuple of %d arrays", N_SCORES);
        return NULL;
    }
    Py_buffer g[3];
    const Spec gspec[3] = {{8, n_groups, 0, 0}, {8, n_groups, 0, 0}, {8, n_groups, 0, 0}};
    PyObject *gt = PyTuple_GetSlice(arrays, 13, 16);
    if (!gt) return NULL;
    int got = take_all(gt, gspec, 3, g);
    Py_DECREF(gt);
    if (got < 0) return NULL;
    const int64_t *nk = g[0].buf, *nv = g[1].buf, *nf = g[2].buf;
    Py_ssize_t sum_k = 0, sum_v = 0, sum_f = 0, sum_vf = 0, rows_out = n_rows;
    int bad = 0;
    for (Py_ssize_t i = 0; i < n_groups; i++) {
        if (nk[i] < 0 || nv[i] < 0 || nf[i] < 0) bad = 1;
        sum_k += nk[i]; sum_v += nv[i]; sum_f += nf[i]; sum_vf += nv[i] * nf[i];
        rows_out += nk[i] * nv[i];
    }
    release_all(g, 3);
    if (bad || rows_out != total) {
        PyErr_SetString(PyExc_ValueError, "the groups' sizes do not add up to the rows");
        return NULL;
    }
    const Spec spec[N_SCORES] = {
        {8, w, 0, 0}, {8, n_cells, 0, 0}, {8, n_cells, 0, 0}, {8, n_cells, 0, 0},
        {8, n_cells, 0, 0}, {8, n_findings * w, 0, 0}, {8, n_findings * w, 0, 0},
        {8, n_findings, 0, 0}, {8, u, 0, 0}, {8, u, 0, 0}, {8, p, 0, 0}, {8, p, 0, 0},
        {8, 4 * p * w, 0, 0}, {8, n_groups, 0, 0}, {8, n_groups, 0, 0}, {8, n_groups, 0, 0},
        {8, sum_k, 0, 0}, {8, sum_v * w, 0, 0}, {8, sum_f, 0, 0}, {8, sum_vf, 0, 0},
        {8, sum_vf, 0, 0}, {8, total * w, 1, 0}, {8, total, 1, 0}};
    Py_buffer v[N_SCORES];
    if (take_all(arrays, spec, N_SCORES, v) < 0) return NULL;
    Near x = {
        .n_rows = n_rows, .w = w, .u = u, .p = p, .n_cells = n_cells, .n_groups = n_groups,
        .lin = v[0].buf, .row = v[1].buf, .col = v[2].buf, .dp = v[3].buf, .dn = v[4].buf,
        .yes = v[5].buf, .no = v[6].buf, .local = v[7].buf, .pos_u = v[8].buf,
        .neg_u = v[9].buf, .child_u = v[10].buf, .parent_u = v[11].buf, .corr = v[12].buf,
        .g_nk = v[13].buf, .g_nv = v[14].buf, .g_nf = v[15].buf, .g_ks = v[16].buf,
        .g_change = v[17].buf, .g_cols = v[18].buf, .g_dpos = v[19].buf, .g_dneg = v[20].buf,
    };
    int ok = in_range(x.row, n_cells, 0, n_rows) && in_range(x.col, n_cells, 0, n_findings)
             && in_range(x.local, n_findings, -1, u) && in_range(x.child_u, p, 0, u)
             && in_range(x.parent_u, p, 0, u) && in_range(x.g_ks, sum_k, 0, n_rows)
             && in_range(x.g_cols, sum_f, 0, n_findings);
    for (Py_ssize_t i = 1; ok && i < n_cells; i++) ok = x.row[i] >= x.row[i - 1];
    if (!ok) {
        release_all(v, N_SCORES);
        PyErr_SetString(PyExc_ValueError, "an index out of range, or rows not ascending");
        return NULL;
    }
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = near_scores(&x, v[21].buf, v[22].buf);
    Py_END_ALLOW_THREADS
    release_all(v, N_SCORES);
    if (status == -2) return PyErr_NoMemory();
    Py_RETURN_NONE;
}

#define N_LEVELS 10

static PyObject *py_levels(PyObject *self, PyObject *args) {
    (void)self;
    Py_ssize_t rows, c, n, n_levels, k;
    PyObject *arrays;
    if (!PyArg_ParseTuple(args, "(nnnnn)O", &rows, &c, &n, &n_levels, &k, &arrays)) return NULL;
    if (rows < 0 || c < 1 || n < 1 || n_levels < 1 || k < 0) {
        PyErr_SetString(PyExc_ValueError, "sizes out of range");
        return NULL;
    }
    if (rows < n) {
        PyErr_SetString(PyExc_ValueError, "fewer rows than hypotheses");
        return NULL;
    }
    const Spec spec[N_LEVELS] = {
        {8, rows * c, 0, 0}, {8, rows, 0, 0}, {8, n * c, 0, 0}, {8, n_levels, 0, 0},
        {8, c, 0, 0}, {1, n * c, 0, 1}, {8, k, 0, 0}, {8, k, 0, 0}, {1, (rows - n) * c, 0, 1},
        {8, n, 1, 0}};
    Py_buffer v[N_LEVELS];
    if (take_all(arrays, spec, N_LEVELS, v) < 0) return NULL;
    Levels x = {
        .rows = rows, .c = c, .n = n, .n_levels = n_levels, .k = k, .post = v[0].buf,
        .own = v[1].buf, .cond_ranks = v[2].buf, .thr_by_rank = v[3].buf, .own_thr = v[4].buf,
        .unsusp = v[5].buf, .cum_rank = v[6].buf, .cum_thr = v[7].buf, .aside = v[8].buf,
    };
    if (!in_range(x.own, rows, 0, n)) {
        release_all(v, N_LEVELS);
        PyErr_SetString(PyExc_ValueError, "a row's hypothesis out of range");
        return NULL;
    }
    double *masked = malloc(sizeof(double) * (size_t)c);
    if (!masked) {
        release_all(v, N_LEVELS);
        return PyErr_NoMemory();
    }
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = levels(&x, v[9].buf, masked);
    Py_END_ALLOW_THREADS
    free(masked);
    release_all(v, N_LEVELS);
    if (status < 0) {
        PyErr_SetString(PyExc_ValueError, "a condition's rank out of range");
        return NULL;
    }
    Py_RETURN_NONE;
}

#define N_FIGURES 17

static PyObject *py_figures(PyObject *self, PyObject *args) {
    (void)self;
    Py_ssize_t k, c, e, n_q, level0, raise_to;
    double plausible_answer, lead_change, lead_probability;
    PyObject *arrays;
    if (!PyArg_ParseTuple(args, "(nnnnnn)(ddd)O", &k, &c, &e, &n_q, &level0, &raise_to,
                          &plausible_answer, &lead_change, &lead_probability, &arrays))
        return NULL;
    if (k < 1 || c < 3 || e < 0 || n_q < 0) {
        PyErr_SetString(PyExc_ValueError, "sizes out of range");
        return NULL;
    }
    const Spec spec[N_FIGURES] = {
        {8, k * c, 0, 0}, {8, k * c, 0, 0}, {8, k, 0, 0}, {8, e, 0, 0}, {8, e, 0, 0},
        {8, e, 0, 0}, {8, e, 0, 0}, {8, n_q, 0, 0},
        {8, e, 1, 0}, {1, e, 1, 0}, {8, n_q, 1, 0}, {8, n_q, 1, 0}, {8, n_q, 1, 0},
        {1, n_q, 1, 0}, {1, n_q, 1, 0}, {1, n_q, 1, 0}, {1, n_q, 1, 0}};
    Py_buffer v[N_FIGURES];
    if (take_all(arrays, spec, N_FIGURES, v) < 0) return NULL;
    Figs x = {
        .k = k, .c = c, .e = e, .n_q = n_q, .level0 = level0, .raise_to = raise_to,
        .posts = v[0].buf, .logs = v[1].buf, .levels = v[2].buf, .rows = v[3].buf,
        .qi = v[4].buf, .prob = v[5].buf, .part1 = v[6].buf, .q_answerable = v[7].buf,
        .plausible_answer = plausible_answer, .lead_change = lead_change,
        .lead_probability = lead_probability,
    };
    if (!in_range(x.rows, e, 0, k) || !in_range(x.qi, e, 0, n_q)) {
        release_all(v, N_FIGURES);
        PyErr_SetString(PyExc_ValueError, "an answer's row or question out of range");
        return NULL;
    }
    int64_t lead = 0;
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = figures(&x, v[8].buf, v[9].buf, v[10].buf, v[11].buf, v[12].buf, v[13].buf,
                     v[14].buf, v[15].buf, v[16].buf, &lead);
    Py_END_ALLOW_THREADS
    release_all(v, N_FIGURES);
    if (status == -2) return PyErr_NoMemory();
    return PyLong_FromLongLong((long long)lead);
}

#define N_PAIRS 14

static PyObject *py_pairs(PyObject *self, PyObject *args) {
    (void)self;
    Py_ssize_t m, r, c, d, n_hyps, n_q;
    int down, has_summed;
    double plausible_answer, summed;
    PyObject *arrays;
    if (!PyArg_ParseTuple(args, "(nnnnnn)(pp)(dd)O", &m, &r, &c, &d, &n_hyps, &n_q, &down,
                          &has_summed, &plausible_answer, &summed, &arrays))
        return NULL;
    if (m < 0 || r < 0 || c < 1 || d < 0 || d > c || n_hyps < 1 || n_q < 0) {
        PyErr_SetString(PyExc_ValueError, "sizes out of range");
        return NULL;
    }
    const Spec spec[N_PAIRS] = {
        {8, m * c, 0, 0}, {8, r * c, 0, 0}, {8, m * r, 0, 0}, {8, m, 0, 0}, {8, r, 0, 0},
        {8, m, 0, 1}, {8, r, 0, 1}, {8, d, 0, 0}, {1, c, 0, 0}, {8, d, 0, 0},
        {1, n_hyps * c, 0, 1}, {8, m, 0, 0}, {8, r, 0, 0}, {1, n_q, 1, 0}};
    Py_buffer v[N_PAIRS];
    if (take_all(arrays, spec, N_PAIRS, v) < 0) return NULL;
    Pairs x = {
        .m = m, .r = r, .c = c, .d = d, .n_hyps = n_hyps, .n_q = n_q, .down = down,
        .has_summed = has_summed, .plausible_answer = plausible_answer, .summed = summed,
        .weighted = v[0].buf, .ratio = v[1].buf, .together = v[2].buf, .mine = v[3].buf,
        .theirs = v[4].buf, .w_mine = v[5].buf, .w_all = v[6].buf, .danger = v[7].buf,
        .danger_mask = v[8].buf, .thr = v[9].buf, .unsusp = v[10].buf, .k_mine = v[11].buf,
        .k_all = v[12].buf,
    };
    int ok = (x.w_mine == NULL) == (x.w_all == NULL) && in_range(x.mine, m, 0, n_q)
             && in_range(x.theirs, r, 0, n_q) && in_range(x.danger, d, 0, c)
             && in_range(x.k_mine, m, 0, n_hyps) && in_range(x.k_all, r, 0, n_hyps);
    double *row = ok ? malloc(sizeof(double) * (size_t)(c + d + 1)) : NULL;
    if (!ok || !row) {
        release_all(v, N_PAIRS);
        if (!ok) {
            PyErr_SetString(PyExc_ValueError, "an index out of range, or one weight missing");
            return NULL;
        }
        return PyErr_NoMemory();
    }
    Py_BEGIN_ALLOW_THREADS
    pairs(&x, v[13].buf, row, row + c);
    Py_END_ALLOW_THREADS
    free(row);
    release_all(v, N_PAIRS);
    Py_RETURN_NONE;
}

/* the mixture's two calls: sizes (rows, w, n_c, nco) and arrays whose first two are the
 * scores (rows, w) and the co-existing conditions (nco); ``spec`` from the sizes */
typedef void (*MixtureSpec)(Py_ssize_t rows, Py_ssize_t w, Py_ssize_t n_c, Py_ssize_t nco,
                            Spec *spec);

static int take_mixture(PyObject *args, MixtureSpec make, int count, Py_buffer *v,
                        Py_ssize_t sizes[4]) {
    PyObject *arrays;
    if (!PyArg_ParseTuple(args, "(nnnn)O", &sizes[0], &sizes[1], &sizes[2], &sizes[3],
                          &arrays))
        return -1;
    if (sizes[0] < 0 || sizes[2] < 1 || sizes[3] < 0 || sizes[1] != sizes[2] + sizes[3]) {
        PyErr_SetString(PyExc_ValueError, "sizes out of range");
        return -1;
    }
    Spec spec[6];
    make(sizes[0], sizes[1], sizes[2], sizes[3], spec);
    if (take_all(arrays, spec, count, v) < 0) return -1;
    if (!in_range(v[1].buf, sizes[3], 0, sizes[2])) {
        release_all(v, count);
        PyErr_SetString(PyExc_ValueError, "a co-existing condition out of range");
        return -1;
    }
    return 0;
}

static void mixture_spec(Py_ssize_t rows, Py_ssize_t w, Py_ssize_t n_c, Py_ssize_t nco,
                         Spec *spec) {
    (void)n_c;
    const Spec out[6] = {{8, rows * w, 0, 0}, {8, nco, 0, 0}, {8, nco, 0, 0}, {8, nco, 0, 0},
                         {8, rows * nco, 1, 0}, {8, rows * nco, 1, 0}};
    memcpy(spec, out, sizeof out);
}

static void centre_spec(Py_ssize_t rows, Py_ssize_t w, Py_ssize_t n_c, Py_ssize_t nco,
                        Spec *spec) {
    const Spec out[5] = {{8, rows * w, 0, 0}, {8, nco, 0, 0}, {8, rows * nco, 0, 0},
                         {8, n_c, 0, 0}, {8, rows * n_c, 1, 0}};
    memcpy(spec, out, sizeof out);
}

static PyObject *py_mixture_parts(PyObject *self, PyObject *args) {
    (void)self;
    Py_ssize_t n[4];
    Py_buffer v[6];
    if (take_mixture(args, mixture_spec, 6, v, n) < 0) return NULL;
    Py_BEGIN_ALLOW_THREADS
    mixture_parts(n[0], n[1], n[2], n[3], v[0].buf, v[1].buf, v[2].buf, v[3].buf, v[4].buf,
                  v[5].buf);
    Py_END_ALLOW_THREADS
    release_all(v, 6);
    Py_RETURN_NONE;
}

static PyObject *py_centre(PyObject *self, PyObject *args) {
    (void)self;
    Py_ssize_t n[4];
    Py_buffer v[5];
    if (take_mixture(args, centre_spec, 5, v, n) < 0) return NULL;
    Py_BEGIN_ALLOW_THREADS
    centre(n[0], n[1], n[2], n[3], v[0].buf, v[1].buf, v[2].buf, v[3].buf, v[4].buf);
    Py_END_ALLOW_THREADS
    release_all(v, 5);
    Py_RETURN_NONE;
}

static PyObject *py_normalise(PyObject *self, PyObject *args) {
    (void)self;
    Py_ssize_t rows, n_c;
    PyObject *arrays;
    if (!PyArg_ParseTuple(args, "(nn)O", &rows, &n_c, &arrays)) return NULL;
    if (rows < 0 || n_c < 1) {
        PyErr_SetString(PyExc_ValueError, "sizes out of range");
        return NULL;
    }
    const Spec spec[1] = {{8, rows * n_c, 1, 0}};
    Py_buffer v[1];
    if (take_all(arrays, spec, 1, v) < 0) return NULL;
    Py_BEGIN_ALLOW_THREADS
    normalise(rows, n_c, v[0].buf);
    Py_END_ALLOW_THREADS
    release_all(v, 1);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"mixture_parts", py_mixture_parts, METH_VARARGS,
     "mixture_parts((rows, w, n_c, nco), (scores, co, log_unmix, log_mix, a, b)): the two "
     "terms of the co-existing ache's logaddexp (near.py)"},
    {"centre", py_centre, METH_VARARGS,
     "centre((rows, w, n_c, nco), (scores, co, mixed, log_prior, out)): the log posterior "
     "less its row's maximum (near.py)"},
    {"normalise", py_normalise, METH_VARARGS,
     "normalise((rows, n_c), (e,)): each row divided by its sum, in place (near.py)"},
    {"figures", py_figures, METH_VARARGS,
     "figures((k, c, e, n_q, level0, raise_to), (plausible_answer, lead_change, "
     "lead_probability), arrays) -> lead: each question's figures (lookahead.figures)"},
    {"scores", py_scores, METH_VARARGS,
     "scores((n_rows, w, u, p, n_cells, n_groups, n_findings, total), arrays): the batch's "
     "log scores before the mixture and the softmax, and each row's owner (near.py)"},
    {"pairs", py_pairs, METH_VARARGS,
     "pairs((m, r, c, d, n_hyps, n_q), (down, has_summed), (plausible_answer, summed), "
     "arrays): the questions whose answers, paired, cross the line, marked in place "
     "(lookahead.pair_crossing)"},
    {"levels", py_levels, METH_VARARGS,
     "levels((rows, c, n, n_levels, k), arrays): each hypothesis's level from its rows' "
     "posteriors, raised in place from its floor (policy.py)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_near", "The interview batch's inner loops (optional).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__near(void) { return PyModule_Create(&module); }
