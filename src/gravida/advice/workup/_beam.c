/* The work-up's beam over result histories, the inner loops in compiled code.
 *
 * Optional: built by `pip install` where a C compiler and Python's headers are at
 * hand; without it information.py does the same work with numpy. Every float is
 * the one numpy computes (tests/advice/test_beam_native.py compares them bit for
 * bit): products and sums are taken in numpy's order, one condition after another,
 * and the build turns off the contraction of a*b+c into one fused instruction
 * (-ffp-contract=off, pyproject.toml), which would round once instead of twice.
 * No logarithm is taken here: numpy's own log2 stays the one used.
 *
 * Arrays come in through the buffer protocol, C-contiguous float64 (int64 for
 * indices), shaped as information.py documents; the caller allocates the outputs.
 * The GIL is released while a loop runs.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define WIDE __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define WIDE
#endif

/* the histogram that finds a cut's threshold: buckets of the top bits of a double
 * (positive doubles order as their bit patterns), counted from the negligible mass */
#define BUCKET_SHIFT 48
#define NBUCKETS 2048

static inline uint64_t bits_of(double x) { uint64_t u; memcpy(&u, &x, sizeof u); return u; }

static inline int64_t bucket(double x, uint64_t base) {
    uint64_t b = (bits_of(x) >> BUCKET_SHIFT) - base;
    return b < NBUCKETS ? (int64_t)b : NBUCKETS - 1;
}

/* mass[rr * h + i] = sum over c (in order) of J[c][i] * m[c][rr]: the children's masses,
 * numbered result-major as information.py numbers them */
WIDE static void child_masses(int64_t k, int64_t h, int64_t r, const double *restrict J,
                              const double *restrict m, double *restrict mass) {
    for (int64_t rr = 0; rr < r; rr++) {
        double *restrict out = mass + rr * h;
        const double w0 = m[rr];
        for (int64_t i = 0; i < h; i++) out[i] = J[i] * w0;
        for (int64_t c = 1; c < k; c++) {
            const double w = m[c * r + rr];
            const double *restrict jc = J + c * h;
            for (int64_t i = 0; i < h; i++) out[i] = out[i] + jc[i] * w;
        }
    }
}

#define CHUNK 512  /* children counted while still in the first-level cache */

/* child_masses, each chunk of children counted into the cut's histograms while it is
 * still in cache (a second pass over every mass cost more than the counting):
 * hist4[child % 4][0] counts the negligible, [bucket + 1] the others */
WIDE static void masses_counted(int64_t k, int64_t h, int64_t r, const double *restrict J,
                                const double *restrict m, double negligible, uint64_t base,
                                double *restrict mass, uint32_t (*hist4)[NBUCKETS + 1]) {
    uint16_t idx[CHUNK];
    for (int64_t rr = 0; rr < r; rr++) {
        double *restrict out = mass + rr * h;
        const double w0 = m[rr];
        for (int64_t s = 0; s < h; s += CHUNK) {
            const int64_t e = s + CHUNK < h ? s + CHUNK : h;
            for (int64_t i = s; i < e; i++) out[i] = J[i] * w0;
            for (int64_t c = 1; c < k; c++) {
                const double w = m[c * r + rr];
                const double *restrict jc = J + c * h;
                for (int64_t i = s; i < e; i++) out[i] = out[i] + jc[i] * w;
            }
            for (int64_t i = s; i < e; i++) {
                const double x = out[i];
                idx[i - s] = (uint16_t)(x > negligible ? bucket(x, base) + 1 : 0);
            }
            const int64_t first = rr * h + s;
            for (int64_t i = 0; i < e - s; i++) hist4[(first + i) & 3][idx[i]]++;
        }
    }
}

/* The masses of bucket b (those above the negligible whose top bits are base + b; the
 * last bucket: those and all larger ones) as a range of doubles [*lo, *hi], since
 * positive doubles order as their bit patterns: two comparisons a mass instead of its
 * bucket worked out. Returns 0 where the range cannot stand for the bucket (a
 * negligible that is not a small positive number), for the caller's plain test. */
static int bucket_range(int64_t b, uint64_t base, double negligible, double *lo, double *hi) {
    if (!(negligible > 0.0 && negligible < 1e300)) return 0;
    const uint64_t inf_bits = bits_of(__builtin_inf());
    const uint64_t lo_bits = (base + (uint64_t)b) << BUCKET_SHIFT;
    if (lo_bits >= inf_bits) return 0;
    memcpy(lo, &lo_bits, sizeof *lo);
    if (*lo <= negligible) *lo = __builtin_nextafter(negligible, __builtin_inf());
    const uint64_t hi_bits = (base + (uint64_t)b + 1) << BUCKET_SHIFT;  /* the next bucket */
    if (b == NBUCKETS - 1 || hi_bits >= inf_bits) {
        *hi = __builtin_inf();
    } else {
        double next;
        memcpy(&next, &hi_bits, sizeof next);
        *hi = __builtin_nextafter(next, 0.0);
    }
    return 1;
}

static void swap(double *a, double *b) { double t = *a; *a = *b; *b = t; }

/* the n-th smallest (from 0) of v[0..len), reordering v (Hoare's selection) */
static double select_nth(double *v, int64_t len, int64_t n) {
    int64_t lo = 0, hi = len - 1;
    while (hi > lo) {
        int64_t mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo]) swap(&v[mid], &v[lo]);
        if (v[hi] < v[lo]) swap(&v[hi], &v[lo]);
        if (v[hi] < v[mid]) swap(&v[hi], &v[mid]);
        const double pivot = v[mid];
        int64_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) { swap(&v[i], &v[j]); i++; j--; }
        }
        if (n <= j) hi = j;
        else if (n >= i) lo = i;
        else return v[n];
    }
    return v[n];
}

/* the kept children's masses and joint columns: joint_out[c][j] = J[c][i] * m[c][rr]
 * for the j-th kept child rr * h + i (kept ascending, so each result's children are one
 * run of it). Condition by condition: the rows of J and of joint_out sit a power of two
 * apart, so walking down a column would meet the same cache set at every step. */
static int gather(int64_t k, int64_t h, int64_t r, const double *J, const double *m,
                  const double *mass, const int64_t *kept, int64_t count,
                  double *kept_mass, double *joint_out) {
    int64_t *ends = malloc((size_t)r * sizeof *ends);  /* where each result's run ends */
    if (ends == NULL) return -1;
    int64_t rr = 0, start = 0;
    for (int64_t j = 0; j < count; j++) {
        const int64_t child = kept[j];
        while (child >= start + h) { ends[rr++] = j; start += h; }
        kept_mass[j] = mass[child];
    }
    while (rr < r) ends[rr++] = count;
    for (int64_t c = 0; c < k; c++) {
        const double *jc = J + c * h, *mc = m + c * r;
        double *out = joint_out + c * count;
        int64_t j = 0;
        for (int64_t q = 0; q < r; q++) {
            const double w = mc[q];
            const int64_t first = q * h;  /* child first + i is history i's result q */
            for (; j < ends[q]; j++) out[j] = jc[kept[j] - first] * w;
        }
    }
    free(ends);
    return 0;
}

/* One test applied to the kept histories, the children cut to the `limit` most probable
 * (see _Histories._then_cut). Returns the number kept, or -1 when equally probable
 * children straddle the cut: then kept holds the n_above children above the threshold,
 * then the n_tied at it (each part ascending), for the caller's defined order. */
static int64_t step(int64_t k, int64_t h, int64_t r, const double *J, const double *m,
                    double negligible, int64_t limit, double *mass, double *scratch,
                    int64_t *kept, double *kept_mass, double *joint_out, int *cut,
                    int64_t *n_above, int64_t *n_tied) {
    const int64_t n = h * r;
    /* four histograms, element i counted in i % 4: consecutive masses often fall in one
     * bucket, and one counter would make each count wait for the one before */
    uint32_t hist4[4][NBUCKETS + 1];
    memset(hist4, 0, sizeof hist4);
    const uint64_t base = bits_of(negligible) >> BUCKET_SHIFT;
    masses_counted(k, h, r, J, m, negligible, base, mass, hist4);
    int64_t hist[NBUCKETS], positive = 0;
    for (int64_t b = 0; b < NBUCKETS; b++) {
        hist[b] = (int64_t)hist4[0][b + 1] + hist4[1][b + 1] + hist4[2][b + 1] + hist4[3][b + 1];
        positive += hist[b];
    }
    int64_t count = 0;
    *cut = positive > limit;
    if (!*cut) {
        for (int64_t i = 0; i < n; i++) {
            kept[count] = i;
            count += mass[i] > negligible;
        }
    } else {
        /* the limit-th largest mass: its bucket, then a selection within the bucket */
        int64_t above = 0, b = NBUCKETS - 1;
        for (; b > 0; b--) {
            if (above + hist[b] >= limit) break;
            above += hist[b];
        }
        int64_t len = 0;
        double lo, hi;
        if (bucket_range(b, base, negligible, &lo, &hi)) {
            for (int64_t i = 0; i < n; i++) {
                const double x = mass[i];
                scratch[len] = x;
                len += (x >= lo) & (x <= hi);
            }
        } else {
            for (int64_t i = 0; i < n; i++) {
                const double x = mass[i];
                scratch[len] = x;
                len += x > negligible && bucket(x, base) == b;
            }
        }
        const double threshold = select_nth(scratch, len, len - (limit - above));
        int64_t gt = above, eq = 0;  /* the bucket's part, counted in the bucket only */
        for (int64_t i = 0; i < len; i++) {
            gt += scratch[i] > threshold;
            eq += scratch[i] == threshold;
        }
        if (gt + eq != limit) {  /* a tie across the cut */
            int64_t a = 0, t = gt;
            for (int64_t i = 0; i < n; i++) {
                if (mass[i] > threshold) kept[a++] = i;
                else if (mass[i] == threshold) kept[t++] = i;
            }
            *n_above = gt;
            *n_tied = eq;
            return -1;
        }
        for (int64_t i = 0; i < n; i++) {
            kept[count] = i;
            count += mass[i] >= threshold;
        }
    }
    if (gather(k, h, r, J, m, mass, kept, count, kept_mass, joint_out) < 0) return -2;
    return count;
}

/* --- the Python side: buffers in, counts out ------------------------------------------ */

static int take(PyObject *obj, Py_buffer *view, int writable, Py_ssize_t itemsize,
                Py_ssize_t need, const char *what) {
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0) return -1;
    if (view->itemsize != itemsize || view->len < need * itemsize) {
        PyErr_Format(PyExc_ValueError, "%s: wrong item size or too short", what);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

#define RELEASE(n) for (int q_ = 0; q_ < (n); q_++) PyBuffer_Release(&v[q_])

static PyObject *py_step(PyObject *self, PyObject *args) {
    (void)self;
    Py_ssize_t k, h, r, limit;
    double negligible;
    PyObject *o[7];
    if (!PyArg_ParseTuple(args, "nnnOOdnOOOOO", &k, &h, &r, &o[0], &o[1], &negligible, &limit,
                          &o[2], &o[3], &o[4], &o[5], &o[6]))
        return NULL;
    if (k < 1 || h < 1 || r < 1 || limit < 1) {
        PyErr_SetString(PyExc_ValueError, "sizes must be positive");
        return NULL;
    }
    Py_buffer v[7];
    const Py_ssize_t n = h * r;
    const Py_ssize_t need[7] = {k * h, k * r, n, n, n, limit, k * limit};
    const int writable[7] = {0, 0, 1, 1, 1, 1, 1};
    const Py_ssize_t size[7] = {8, 8, 8, 8, 8, 8, 8};
    static const char *what[7] = {"joint", "likelihood", "mass", "scratch", "kept",
                                  "kept_mass", "joint_out"};
    for (int i = 0; i < 7; i++) {
        if (take(o[i], &v[i], writable[i], size[i], need[i], what[i]) < 0) {
            RELEASE(i);
            return NULL;
        }
    }
    int cut = 0;
    int64_t n_above = 0, n_tied = 0, count;
    Py_BEGIN_ALLOW_THREADS
    count = step(k, h, r, v[0].buf, v[1].buf, negligible, limit, v[2].buf, v[3].buf, v[4].buf,
                 v[5].buf, v[6].buf, &cut, &n_above, &n_tied);
    Py_END_ALLOW_THREADS
    RELEASE(7);
    if (count == -2) return PyErr_NoMemory();
    return Py_BuildValue("LiLL", (long long)count, cut, (long long)n_above, (long long)n_tied);
}

static PyObject *py_gather(PyObject *self, PyObject *args) {
    (void)self;
    Py_ssize_t k, h, r, count;
    PyObject *o[6];
    if (!PyArg_ParseTuple(args, "nnnOOOOnOO", &k, &h, &r, &o[0], &o[1], &o[2], &o[3], &count,
                          &o[4], &o[5]))
        return NULL;
    if (k < 1 || h < 1 || r < 1 || count < 0) {
        PyErr_SetString(PyExc_ValueError, "sizes must be positive");
        return NULL;
    }
    Py_buffer v[6];
    const Py_ssize_t need[6] = {k * h, k * r, h * r, count, count, k * count};
    const int writable[6] = {0, 0, 0, 0, 1, 1};
    static const char *what[6] = {"joint", "likelihood", "mass", "kept", "kept_mass",
                                  "joint_out"};
    for (int i = 0; i < 6; i++) {
        if (take(o[i], &v[i], writable[i], 8, need[i], what[i]) < 0) {
            RELEASE(i);
            return NULL;
        }
    }
    const int64_t *kept = v[3].buf;
    for (Py_ssize_t j = 0; j < count; j++) {
        if (kept[j] < 0 || kept[j] >= h * r || (j > 0 && kept[j] <= kept[j - 1])) {
            RELEASE(6);
            PyErr_SetString(PyExc_ValueError, "kept must be ascending child indices");
            return NULL;
        }
    }
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = gather(k, h, r, v[0].buf, v[1].buf, v[2].buf, kept, count, v[4].buf, v[5].buf);
    Py_END_ALLOW_THREADS
    RELEASE(6);
    if (status < 0) return PyErr_NoMemory();
    Py_RETURN_NONE;
}

/* out (r x h, then only the positive entries kept, in that order) = sum over c of
 * J[c][i] * l[c][rr]: P(history, result) of a test, as np.einsum("ch,cr->rh") sums it */
static int64_t joint_results(int64_t k, int64_t h, int64_t r, const double *restrict J,
                                  const double *restrict l, double *restrict out) {
    child_masses(k, h, r, J, l, out);
    int64_t n = 0;
    for (int64_t i = 0; i < h * r; i++) {
        const double x = out[i];
        out[n] = x;
        n += x > 0;
    }
    return n;
}

static PyObject *py_joint_results(PyObject *self, PyObject *args) {
    (void)self;
    Py_ssize_t k, h, r;
    PyObject *o[3];
    if (!PyArg_ParseTuple(args, "nnnOOO", &k, &h, &r, &o[0], &o[1], &o[2])) return NULL;
    if (k < 1 || h < 1 || r < 1) {
        PyErr_SetString(PyExc_ValueError, "sizes must be positive");
        return NULL;
    }
    Py_buffer v[3];
    const Py_ssize_t need[3] = {k * h, k * r, h * r};
    const int writable[3] = {0, 0, 1};
    static const char *what[3] = {"joint", "likelihood", "out"};
    for (int i = 0; i < 3; i++) {
        if (take(o[i], &v[i], writable[i], 8, need[i], what[i]) < 0) {
            RELEASE(i);
            return NULL;
        }
    }
    int64_t n;
    Py_BEGIN_ALLOW_THREADS
    n = joint_results(k, h, r, v[0].buf, v[1].buf, v[2].buf);
    Py_END_ALLOW_THREADS
    RELEASE(3);
    return PyLong_FromLongLong((long long)n);
}

/* Tests applied together while every child fits (see _Histories.then): children
 * numbered as numpy's broadcasting numbers them (the first test's result most
 * significant, then the history), each the product J[c][i] * l1[c][r1] * l2[c][r2] ...
 * taken left to right; masses summed over conditions in order; the negligible dropped.
 * tables[t] is test t's k x r_t table. Returns the number kept
 * (columns of joint_out, k x count; kept lists them unless all were kept) and sets
 * *all_kept. */
static int64_t grow(int64_t k, int64_t h, int64_t tests, const int64_t *widths,
                    const double *const *tables, const double *J, double negligible,
                    double *joint_out, double *mass, int64_t *kept, double *work,
                    int *all_kept) {
    int64_t n = h;
    for (int64_t t = 0; t < tests; t++) n *= widths[t];
    for (int64_t c = 0; c < k; c++) {
        double *row = joint_out + c * n;
        /* ping-pong between the row and work, so that the last test writes the row */
        double *src = (tests % 2 == 0) ? row : work, *dst;
        memcpy(src, J + c * h, (size_t)h * sizeof *src);
        int64_t width = h;  /* children so far, of this condition */
        for (int64_t t = 0; t < tests; t++) {
            const int64_t r = widths[t];
            const double *mc = tables[t] + c * r;
            dst = (src == row) ? work : row;
            const int64_t groups = width / h;
            if (h == 1) {  /* the panel's start: no run of histories to walk, so each
                            * result's children in one strided loop over the groups */
                for (int64_t q = 0; q < r; q++) {
                    const double w = mc[q];
                    for (int64_t g = 0; g < groups; g++) dst[g * r + q] = src[g] * w;
                }
            } else {
                for (int64_t g = 0; g < groups; g++) {
                    for (int64_t q = 0; q < r; q++) {
                        const double w = mc[q];
                        const double *from = src + g * h;
                        double *to = dst + (g * r + q) * h;
                        for (int64_t i = 0; i < h; i++) to[i] = from[i] * w;
                    }
                }
            }
            width *= r;
            src = dst;
        }
    }
    for (int64_t i = 0; i < n; i++) mass[i] = joint_out[i];
    for (int64_t c = 1; c < k; c++) {
        const double *row = joint_out + c * n;
        for (int64_t i = 0; i < n; i++) mass[i] = mass[i] + row[i];
    }
    int64_t count = 0;
    for (int64_t i = 0; i < n; i++) {
        kept[count] = i;
        count += mass[i] > negligible;
    }
    *all_kept = count == n;
    if (count < n) {  /* keep the columns of the kept children, each row in place */
        for (int64_t c = 0; c < k; c++) {
            const double *row = joint_out + c * n;
            double *to = joint_out + c * count;
            for (int64_t j = 0; j < count; j++) work[j] = row[kept[j]];
            memcpy(to, work, (size_t)count * sizeof *to);
        }
        for (int64_t j = 0; j < count; j++) mass[j] = mass[kept[j]];
    }
    return count;
}

static PyObject *py_grow(PyObject *self, PyObject *args) {
    (void)self;
    Py_ssize_t k, h, tests;
    double negligible;
    PyObject *o[7];
    if (!PyArg_ParseTuple(args, "nnnOOOdOOOO", &k, &h, &tests, &o[0], &o[1], &o[2],
                          &negligible, &o[3], &o[4], &o[5], &o[6]))
        return NULL;
    if (k < 1 || h < 1 || tests < 0) {
        PyErr_SetString(PyExc_ValueError, "sizes must be positive");
        return NULL;
    }
    Py_buffer v[7];
    if (take(o[0], &v[0], 0, 8, tests, "widths") < 0) return NULL;
    const int64_t *widths = v[0].buf;
    Py_ssize_t n = h, cells = 0;
    for (Py_ssize_t t = 0; t < tests; t++) {
        if (widths[t] < 1 || n > PY_SSIZE_T_MAX / 8 / k / widths[t]) {
            PyBuffer_Release(&v[0]);
            PyErr_SetString(PyExc_ValueError, "widths must be positive and not overflow");
            return NULL;
        }
        n *= widths[t];
        cells += k * widths[t];
    }
    const Py_ssize_t need[7] = {tests, k * h, cells, k * n, n, n, n};
    const int writable[7] = {0, 0, 0, 1, 1, 1, 1};
    static const char *what[7] = {"widths", "joint", "likelihoods", "joint_out", "mass",
                                  "kept", "work"};
    for (int i = 1; i < 7; i++) {
        if (take(o[i], &v[i], writable[i], 8, need[i], what[i]) < 0) {
            RELEASE(i);
            return NULL;
        }
    }
    const double **tables = malloc((size_t)(tests > 0 ? tests : 1) * sizeof *tables);
    if (tables == NULL) {
        RELEASE(7);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t t = 0, at = 0; t < tests; t++) {  /* one after another in the buffer */
        tables[t] = (const double *)v[2].buf + at;
        at += k * widths[t];
    }
    int all_kept = 0;
    int64_t count;
    Py_BEGIN_ALLOW_THREADS
    count = grow(k, h, tests, widths, tables, v[1].buf, negligible, v[3].buf, v[4].buf,
                 v[5].buf, v[6].buf, &all_kept);
    Py_END_ALLOW_THREADS
    free(tables);
    RELEASE(7);
    return Py_BuildValue("Li", (long long)count, all_kept);
}

/* --- the whole search of a work-up's later lines, in one call -------------------------
 *
 * suggest._later_python's loop, step for step: for each later line (second, ionising)
 * whose tests the case is offered, the histories of the first tests of its panel that
 * need no cut, each test's information given them as a bound (suggest._beyond), and,
 * unless every bound ranks the line past the list, the whole panel's histories and each
 * test's information given them. Histories are grown as suggest._histories grows them
 * (the same blocks, from the same longest prefix already grown, so the same columns in
 * the same order), cut by `step` with equally probable children across a cut put in
 * _Histories._defined_order here, and each information summed as numpy sums it: numpy's
 * own log2 loop (use_log2), and numpy's pairwise summation (pairwise). */

typedef void (*ufunc_loop)(char **args, const Py_ssize_t *dimensions, const Py_ssize_t *steps,
                           void *data);

/* The leading fields of numpy's ufunc object (numpy/ufuncobject.h, PyUFuncObject: the same
 * from numpy 1.x through 2.x), read once by use_log2 after checking that they describe log2. */
typedef struct {
    PyObject_HEAD
    int nin, nout, nargs;
    int identity;
    ufunc_loop *functions;
    void *const *data;
    int ntypes;
    int reserved1;
    const char *name;
    const char *types;
} ufunc_head;

#define NPY_DOUBLE_NUM 12  /* numpy's type number of float64 */

static ufunc_loop log2_loop = NULL;
static void *log2_data = NULL;

/* numpy's log2 of n doubles (the loop np.log2 runs for float64: on this build's CPU
 * perhaps a vector one whose last bits differ from the C library's log2) */
static void log2_of(const double *x, double *out, int64_t n) {
    char *args[2] = {(char *)x, (char *)out};
    const Py_ssize_t dims[1] = {(Py_ssize_t)n}, steps[2] = {8, 8};
    log2_loop(args, dims, steps, log2_data);
}

static PyObject *py_use_log2(PyObject *self, PyObject *u) {
    (void)self;
    const PyTypeObject *type = Py_TYPE(u);
    if (strcmp(type->tp_name, "numpy.ufunc") != 0 ||
        type->tp_basicsize < (Py_ssize_t)sizeof(ufunc_head))
        Py_RETURN_FALSE;
    const ufunc_head *f = (const ufunc_head *)u;
    if (f->nin != 1 || f->nout != 1 || f->nargs != 2 || f->ntypes < 1 || f->ntypes > 1024 ||
        f->functions == NULL || f->types == NULL || f->name == NULL || strcmp(f->name, "log2"))
        Py_RETURN_FALSE;
    for (int i = 0; i < f->ntypes; i++) {
        if (f->types[2 * i] == NPY_DOUBLE_NUM && f->types[2 * i + 1] == NPY_DOUBLE_NUM &&
            f->functions[i] != NULL) {
            log2_loop = f->functions[i];
            log2_data = f->data != NULL ? f->data[i] : NULL;
            Py_RETURN_TRUE;
        }
    }
    Py_RETURN_FALSE;
}

/* numpy's pairwise summation of a contiguous float64 array (DOUBLE_pairwise_sum), as
 * np.add.reduce adds it to the reduction's start, 0.0 */
static double pairwise_part(const double *a, int64_t n) {
    if (n < 8) {
        double res = 0.;
        for (int64_t i = 0; i < n; i++) res += a[i];
        return res;
    }
    if (n <= 128) {
        double r[8];
        for (int j = 0; j < 8; j++) r[j] = a[j];
        int64_t i;
        for (i = 8; i < n - (n % 8); i += 8)
            for (int j = 0; j < 8; j++) r[j] += a[i + j];
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++) res += a[i];
        return res;
    }
    int64_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise_part(a, n2) + pairwise_part(a + n2, n - n2);
}

static double pairwise(const double *a, int64_t n) { return 0.0 + pairwise_part(a, n); }

/* (p * np.log2(p)).sum() over the positive entries p of x[0..n) (information._xlogx);
 * x may be tmp_a */
static double xlogx(const double *x, int64_t n, double *tmp_a, double *tmp_b) {
    int64_t m = 0;
    for (int64_t i = 0; i < n; i++) {
        const double v = x[i];
        tmp_a[m] = v;
        m += v > 0;
    }
    log2_of(tmp_a, tmp_b, m);
    for (int64_t i = 0; i < m; i++) tmp_b[i] = tmp_a[i] * tmp_b[i];
    return pairwise(tmp_b, m);
}

typedef struct {
    int64_t parents;       /* histories before this generation's tests */
    const int64_t *kept;   /* the kept children's numbers, ascending; NULL: all */
    const double *mass;    /* the kept children's masses */
    int cut;
} Gen;

typedef struct {
    int64_t h;             /* histories */
    double *joint;         /* k x h, P(condition, history) */
    double *mass;          /* h, P(history) */
    Gen *gens;             /* how it was grown, oldest first */
    int64_t ngens;
    int terms;             /* whether mass_bits and cond_mass are worked out */
    double mass_bits;      /* sum of P(h) log2 P(h) (_Histories._mass_bits) */
    double *cond_mass;     /* k (_Histories._condition_mass) */
} State;

typedef struct {           /* a grown prefix of a panel (suggest._histories' memo) */
    const int64_t *tests;
    int64_t len;
    State *state;
} Memo;

#define MAX_OWNED 4096
#define MAX_MEMO 256

typedef struct {
    int64_t k, limit, maxw;
    double negligible;
    const double *tables;  /* every candidate's k x r table, row-major, one after another */
    const int64_t *offsets, *widths;
    const double *bits;    /* candidate x k: each row's sum of l log2 l */
    double *all_mass, *scratch, *work, *tmp_a, *tmp_b, *products;
    int64_t *kept_tmp;
    double *pingpong[2];
    void *owned[MAX_OWNED];
    int nowned;
    Memo memo[MAX_MEMO];
    int nmemo;
} Search;

static void *own(Search *s, size_t bytes) {
    if (s->nowned >= MAX_OWNED) return NULL;
    void *p = malloc(bytes > 0 ? bytes : 1);
    if (p != NULL) s->owned[s->nowned++] = p;
    return p;
}

static void release_all(Search *s) {
    for (int i = 0; i < s->nowned; i++) free(s->owned[i]);
    s->nowned = 0;
}

/* --- equally probable children across a cut: _Histories._defined_order ---------------- */

typedef struct {
    const double *m;       /* n x nm: the ancestors' masses at the earlier cuts, latest first */
    const int64_t *res;    /* n x nr: the results making up the history, first test first */
    int64_t nm, nr;
} TieKeys;

static int tie_before(const TieKeys *t, int64_t a, int64_t b) {  /* a strictly first */
    for (int64_t j = 0; j < t->nm; j++) {
        const double x = t->m[a * t->nm + j], y = t->m[b * t->nm + j];
        if (x != y) return x > y;  /* the heavier ancestor first (lexsort of -mass) */
    }
    for (int64_t j = 0; j < t->nr; j++) {
        const int64_t x = t->res[a * t->nr + j], y = t->res[b * t->nr + j];
        if (x != y) return x < y;
    }
    return 0;
}

static void merge_sort(const TieKeys *t, int64_t *idx, int64_t *tmp, int64_t n) {  /* stable */
    if (n < 2) return;
    const int64_t half = n / 2;
    merge_sort(t, idx, tmp, half);
    merge_sort(t, idx + half, tmp, n - half);
    int64_t i = 0, j = half, o = 0;
    while (i < half && j < n) tmp[o++] = tie_before(t, idx[j], idx[i]) ? idx[j++] : idx[i++];
    while (i < half) tmp[o++] = idx[i++];
    while (j < n) tmp[o++] = idx[j++];
    memcpy(idx, tmp, (size_t)n * sizeof *idx);
}

static int cmp_i64(const void *a, const void *b) {
    const int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* kept holds n_above children above the threshold then n_tied at it (each ascending): keep
 * the above and the first `need` tied in the defined order, ascending. 0, or -1 (memory). */
static int resolve_ties(const State *from, int64_t *kept, int64_t n_above, int64_t n_tied,
                        int64_t need) {
    const int64_t h = from->h;
    int64_t ncut = 0;
    for (int64_t g = 0; g < from->ngens; g++) ncut += from->gens[g].cut;
    const int64_t nr = from->ngens + 1;
    double *m = malloc((size_t)(n_tied * (ncut > 0 ? ncut : 1)) * sizeof *m);
    int64_t *res = malloc((size_t)(n_tied * nr) * sizeof *res);
    int64_t *idx = malloc((size_t)n_tied * sizeof *idx);
    int64_t *tmp = malloc((size_t)n_tied * sizeof *tmp);
    int64_t *chosen = malloc((size_t)(need > 0 ? need : 1) * sizeof *chosen);
    if (m == NULL || res == NULL || idx == NULL || tmp == NULL || chosen == NULL) {
        free(m); free(res); free(idx); free(tmp); free(chosen);
        return -1;
    }
    const int64_t *tied = kept + n_above;
    for (int64_t q = 0; q < n_tied; q++) {
        const int64_t child = tied[q];
        int64_t *rq = res + q * nr;
        double *mq = m + q * ncut;
        int64_t rj = nr - 1, mj = 0;  /* results filled from the newest test back */
        rq[rj--] = child / h;
        int64_t i = child % h;
        for (int64_t g = from->ngens - 1; g >= 0; g--) {
            const Gen *gen = &from->gens[g];
            if (gen->cut) mq[mj++] = gen->mass[i];
            const int64_t grown = gen->kept != NULL ? gen->kept[i] : i;
            rq[rj--] = grown / gen->parents;
            i = grown % gen->parents;
        }
        idx[q] = q;
    }
    TieKeys keys = {m, res, ncut, nr};
    merge_sort(&keys, idx, tmp, n_tied);
    for (int64_t q = 0; q < need; q++) chosen[q] = tied[idx[q]];
    qsort(chosen, (size_t)need, sizeof *chosen, cmp_i64);
    /* merge the above (ascending, in place at the front) with the chosen */
    int64_t a = n_above - 1, c = need - 1, o = n_above + need - 1;
    while (c >= 0) kept[o--] = (a >= 0 && kept[a] > chosen[c]) ? kept[a--] : chosen[c--];
    free(m); free(res); free(idx); free(tmp); free(chosen);
    return 0;
}

/* --- growing the histories ------------------------------------------------------------- */

static double *joint_buffer(Search *s, const State *from, int persist) {
    if (persist) return own(s, (size_t)(s->k * s->limit) * sizeof(double));
    int which = from->joint == s->pingpong[0];
    if (s->pingpong[which] == NULL)
        s->pingpong[which] = own(s, (size_t)(s->k * s->limit) * sizeof(double));
    return s->pingpong[which];
}

/* the histories once these tests are done too (_Histories.then); NULL: out of memory */
static State *advance(Search *s, const State *from, const int64_t *tests, int64_t ntests,
                      int persist) {
    const int64_t k = s->k, h = from->h;
    State *to = own(s, sizeof *to);
    double *joint = joint_buffer(s, from, persist);
    double *mass = own(s, (size_t)s->limit * sizeof *mass);
    Gen *gens = own(s, (size_t)(from->ngens + 1) * sizeof *gens);
    double *cond = own(s, (size_t)k * sizeof *cond);
    if (to == NULL || joint == NULL || mass == NULL || gens == NULL || cond == NULL) return NULL;
    /* a ping-pong buffer about to be overwritten: no memo entry may still read it */
    for (int i = 0; i < s->nmemo; i++)
        if (s->memo[i].state != NULL && s->memo[i].state->joint == joint)
            s->memo[i].state = NULL;
    int cut = 0, all_kept = 1;
    int64_t count;
    const int64_t r0 = s->widths[tests[0]];
    if (ntests == 1 && h * r0 > s->limit) {
        const double *lik = s->tables + s->offsets[tests[0]];
        int64_t n_above = 0, n_tied = 0;
        count = step(k, h, r0, from->joint, lik, s->negligible, s->limit, s->all_mass,
                     s->scratch, s->kept_tmp, mass, joint, &cut, &n_above, &n_tied);
        if (count == -1) {
            const int64_t need = s->limit - n_above;
            if (resolve_ties(from, s->kept_tmp, n_above, n_tied, need) < 0) return NULL;
            count = n_above + need;
            if (gather(k, h, r0, from->joint, lik, s->all_mass, s->kept_tmp, count, mass,
                       joint) < 0)
                return NULL;
        } else if (count < 0) {
            return NULL;
        }
        all_kept = 0;  /* the cut's generation always lists its kept children */
    } else {
        int64_t widths[64];
        const double *tables[64];
        if (ntests > 64) return NULL;
        for (int64_t t = 0; t < ntests; t++) {
            widths[t] = s->widths[tests[t]];
            tables[t] = s->tables + s->offsets[tests[t]];
        }
        count = grow(k, h, ntests, widths, tables, from->joint, s->negligible, joint, mass,
                     s->kept_tmp, s->work, &all_kept);
    }
    int64_t *kept = NULL;
    if (!all_kept) {
        kept = own(s, (size_t)count * sizeof *kept);
        if (kept == NULL) return NULL;
        memcpy(kept, s->kept_tmp, (size_t)count * sizeof *kept);
    }
    memcpy(gens, from->gens, (size_t)from->ngens * sizeof *gens);
    gens[from->ngens] = (Gen){h, kept, mass, cut};
    *to = (State){count, joint, mass, gens, from->ngens + 1, 0, 0.0, cond};
    return to;
}

static int remember(Search *s, const int64_t *tests, int64_t len, State *state) {
    if (s->nmemo >= MAX_MEMO) return -1;
    s->memo[s->nmemo++] = (Memo){tests, len, state};
    return 0;
}

/* suggest._histories: the panel's first `target` tests' histories, grown from the longest
 * prefix already grown. A state whose prefix is at most `keep_upto` tests long is kept for
 * the whole call (a later line's panel may start from it); the others take turns in two
 * buffers. NULL: out of memory, or the longest prefix's state was overwritten (not
 * expected: the caller then runs the Python search). */
static State *histories(Search *s, const int64_t *panel, int64_t target, int64_t keep_upto) {
    int64_t done = -1;
    const Memo *best = NULL;
    for (int i = 0; i < s->nmemo; i++) {
        const Memo *e = &s->memo[i];
        if (e->len <= target && e->len > done &&
            (e->len == 0 || memcmp(e->tests, panel, (size_t)e->len * sizeof *panel) == 0)) {
            done = e->len;
            best = e;
        }
    }
    if (best == NULL || best->state == NULL) return NULL;
    State *cur = best->state;
    while (done < target) {
        int64_t size = cur->h * s->widths[panel[done]], nb = 1;
        while (done + nb < target) {
            const int64_t w = s->widths[panel[done + nb]];
            if (size * w > s->limit) break;
            size *= w;
            nb++;
        }
        cur = advance(s, cur, panel + done, nb, done + nb <= keep_upto);
        if (cur == NULL) return NULL;
        done += nb;
        if (remember(s, panel, done, cur) < 0) return NULL;
    }
    return cur;
}

/* _Histories.information, for a pack whose likelihood rows are distributions */
static double information(Search *s, State *st, int64_t test) {
    const int64_t k = s->k, h = st->h;
    if (!st->terms) {
        st->mass_bits = xlogx(st->mass, h, s->tmp_a, s->tmp_b);
        for (int64_t c = 0; c < k; c++) st->cond_mass[c] = pairwise(st->joint + c * h, h);
        st->terms = 1;
    }
    const double *bits = s->bits + test * k;
    for (int64_t c = 0; c < k; c++) s->products[c] = st->cond_mass[c] * bits[c];
    const double per_condition = pairwise(s->products, k);
    const int64_t r = s->widths[test];
    child_masses(k, h, r, st->joint, s->tables + s->offsets[test], s->tmp_a);
    const double joint_bits = xlogx(s->tmp_a, h * r, s->tmp_a, s->tmp_b);
    const double total = st->mass_bits + per_condition - joint_bits;
    return total > 0.0 ? total : 0.0;
}

/* suggest._beyond: whether a later-line test scoring at most `bound` ranks past the list */
static int beyond(double bound, const double *placed, int64_t nplaced, int64_t n_urgent,
                  int safe_first, int64_t max_items) {
    int64_t above = 0;
    for (int64_t i = 0; i < nplaced; i++) above += placed[i] > bound + 1e-9;  /* _BOUND_MARGIN */
    const int64_t most = max_items > n_urgent ? max_items : n_urgent;
    return n_urgent + above >= most && (safe_first || above > 0);
}

typedef struct {
    const int64_t *panel, *tests;
    int64_t npanel, ntests;
    double weight;
} Line;

/* The search of both later lines. info[] gets each line's tests' information, one line
 * after the other; status[line]: 0 no tests, 1 bounds only (every one past the list), 2
 * given the whole panel. Returns 0, or -1 when out of memory or off the expected path
 * (the caller then runs the Python search). */
static int search(Search *s, const double *prior, const Line *lines, int nlines,
                  const double *placed, int64_t nplaced, int64_t n_urgent, int safe_first,
                  int64_t max_items, double *info, int64_t *status) {
    const int64_t k = s->k;
    State *start = own(s, sizeof *start);
    double *joint = own(s, (size_t)k * sizeof *joint);
    double *mass = own(s, sizeof *mass);
    double *cond = own(s, (size_t)k * sizeof *cond);
    if (start == NULL || joint == NULL || mass == NULL || cond == NULL) return -1;
    memcpy(joint, prior, (size_t)k * sizeof *joint);
    mass[0] = pairwise(prior, k);  /* joint.sum(axis=0) of the k x 1 start */
    *start = (State){1, joint, mass, NULL, 0, 0, 0.0, cond};
    if (remember(s, NULL, 0, start) < 0) return -1;
    int64_t at = 0;
    for (int j = 0; j < nlines; j++) {
        const Line *L = &lines[j];
        status[j] = 0;
        if (L->ntests == 0) continue;
        /* a state this line makes may be where a later line's panel starts: those within
         * the prefix it shares with a later panel are kept */
        int64_t shared = 0;
        for (int q = j + 1; q < nlines; q++) {
            if (lines[q].ntests == 0) continue;
            int64_t c = 0;
            while (c < L->npanel && c < lines[q].npanel && L->panel[c] == lines[q].panel[c]) c++;
            if (c > shared) shared = c;
        }
        int64_t uncut = L->npanel, size = 1;
        for (int64_t t = 0; t < L->npanel; t++) {
            size *= s->widths[L->panel[t]];
            if (size > s->limit) {
                uncut = t;
                break;
            }
        }
        if (uncut < L->npanel) {
            State *exact = histories(s, L->panel, uncut, shared);
            if (exact == NULL) return -1;
            int all_beyond = 1;
            for (int64_t t = 0; t < L->ntests; t++) {
                info[at + t] = information(s, exact, L->tests[t]);
                if (!beyond(info[at + t] * L->weight, placed, nplaced, n_urgent, safe_first,
                            max_items)) {
                    all_beyond = 0;
                    break;
                }
            }
            if (all_beyond) {
                status[j] = 1;
                at += L->ntests;
                continue;
            }
        }
        State *whole = histories(s, L->panel, L->npanel, shared);
        if (whole == NULL) return -1;
        for (int64_t t = 0; t < L->ntests; t++) info[at + t] = information(s, whole, L->tests[t]);
        status[j] = 2;
        at += L->ntests;
    }
    return 0;
}

/* a sequence of candidate numbers (each below `below`) as an array the caller frees */
static int64_t *indices(PyObject *seq, int64_t below, int64_t *n, const char *what) {
    PyObject *fast = PySequence_Fast(seq, what);
    if (fast == NULL) return NULL;
    const Py_ssize_t len = PySequence_Fast_GET_SIZE(fast);
    int64_t *out = malloc((size_t)(len > 0 ? len : 1) * sizeof *out);
    if (out == NULL) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        const long long v = PyLong_AsLongLong(PySequence_Fast_GET_ITEM(fast, i));
        if (v == -1 && PyErr_Occurred()) goto bad;
        if (v < 0 || v >= below) {
            PyErr_Format(PyExc_ValueError, "%s: not a candidate's number", what);
            goto bad;
        }
        out[i] = v;
    }
    Py_DECREF(fast);
    *n = len;
    return out;
bad:
    Py_DECREF(fast);
    free(out);
    return NULL;
}

static PyObject *py_search(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *o[5], *seq[4], *placed_seq;
    double weight[2], negligible;
    Py_ssize_t n_urgent, max_items, limit;
    int safe_first;
    if (!PyArg_ParseTuple(args, "OOOOOOOdOOdOnpnnd", &o[0], &o[1], &o[2], &o[3], &o[4],
                          &seq[0], &seq[1], &weight[0], &seq[2], &seq[3], &weight[1],
                          &placed_seq, &n_urgent, &safe_first, &max_items, &limit, &negligible))
        return NULL;
    if (log2_loop == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "use_log2 has not found numpy's log2");
        return NULL;
    }
    if (limit < 1 || limit > (1 << 24) || n_urgent < 0 || max_items < 0) {
        PyErr_SetString(PyExc_ValueError, "sizes must be positive");
        return NULL;
    }
    Py_buffer v[5];
    static const char *what[5] = {"prior", "tables", "offsets", "widths", "bits"};
    for (int i = 0; i < 5; i++) {
        if (take(o[i], &v[i], 0, 8, 0, what[i]) < 0) {
            RELEASE(i);
            return NULL;
        }
    }
    const int64_t k = v[0].len / 8, ncand = v[2].len / 8;
    const int64_t *offsets = v[2].buf, *widths = v[3].buf;
    int64_t *ix[4] = {NULL, NULL, NULL, NULL}, len[4] = {0, 0, 0, 0};
    double *placed = NULL;
    PyObject *result = NULL;
    Search *s = NULL;
    if (k < 1 || v[3].len / 8 != ncand || v[4].len / 8 < ncand * k) {
        PyErr_SetString(PyExc_ValueError, "prior, tables, offsets, widths and bits disagree");
        goto done;
    }
    int64_t maxw = 1;
    for (int64_t i = 0; i < ncand; i++) {
        if (widths[i] < 1 || widths[i] > 1024 || offsets[i] < 0 ||
            offsets[i] + k * widths[i] > v[1].len / 8) {
            PyErr_SetString(PyExc_ValueError, "a table lies outside the tables");
            goto done;
        }
        if (widths[i] > maxw) maxw = widths[i];
    }
    static const char *seq_what[4] = {"second panel", "second tests", "ionising panel",
                                      "ionising tests"};
    for (int i = 0; i < 4; i++)
        if ((ix[i] = indices(seq[i], ncand, &len[i], seq_what[i])) == NULL) goto done;
    PyObject *fast = PySequence_Fast(placed_seq, "placed");
    if (fast == NULL) goto done;
    const Py_ssize_t nplaced = PySequence_Fast_GET_SIZE(fast);
    placed = malloc((size_t)(nplaced > 0 ? nplaced : 1) * sizeof *placed);
    if (placed == NULL) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < nplaced; i++) {
        placed[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(fast, i));
        if (placed[i] == -1.0 && PyErr_Occurred()) {
            Py_DECREF(fast);
            goto done;
        }
    }
    Py_DECREF(fast);
    s = calloc(1, sizeof *s);
    if (s == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    const int64_t most = limit * maxw > k ? limit * maxw : k;
    *s = (Search){.k = k, .limit = limit, .maxw = maxw, .negligible = negligible,
                  .tables = v[1].buf, .offsets = offsets, .widths = widths, .bits = v[4].buf};
    /* a step's masses and bucket, a growth's work and an information's terms are never
     * needed at once: two buffers serve them all (less memory to keep in cache) */
    s->all_mass = s->tmp_a = own(s, (size_t)most * sizeof(double));
    s->scratch = s->work = s->tmp_b = own(s, (size_t)most * sizeof(double));
    s->products = own(s, (size_t)k * sizeof(double));
    s->kept_tmp = own(s, (size_t)most * sizeof(int64_t));
    const int64_t ntests = len[1] + len[3];
    double *info = own(s, (size_t)(ntests > 0 ? ntests : 1) * sizeof *info);
    if (s->kept_tmp == NULL || info == NULL || s->products == NULL || s->tmp_a == NULL ||
        s->tmp_b == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    const Line lines[2] = {{ix[0], ix[1], len[0], len[1], weight[0]},
                           {ix[2], ix[3], len[2], len[3], weight[1]}};
    int64_t status[2];
    int ok;
    Py_BEGIN_ALLOW_THREADS
    ok = search(s, v[0].buf, lines, 2, placed, nplaced, n_urgent, safe_first, max_items, info,
                status);
    Py_END_ALLOW_THREADS
    if (ok < 0) {
        result = Py_NewRef(Py_None);  /* the caller runs the Python search */
        goto done;
    }
    PyObject *values = PyList_New((Py_ssize_t)ntests);
    if (values == NULL) goto done;
    for (int64_t i = 0; i < ntests; i++) {
        PyObject *x = PyFloat_FromDouble(info[i]);
        if (x == NULL) {
            Py_DECREF(values);
            goto done;
        }
        PyList_SET_ITEM(values, (Py_ssize_t)i, x);
    }
    result = Py_BuildValue("LLN", (long long)status[0], (long long)status[1], values);
done:
    if (s != NULL) {
        release_all(s);
        free(s);
    }
    free(placed);
    for (int i = 0; i < 4; i++) free(ix[i]);
    RELEASE(5);
    return result;
}

static PyObject *py_log2(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *o[2];
    if (!PyArg_ParseTuple(args, "OO", &o[0], &o[1])) return NULL;
    if (log2_loop == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "use_log2 has not found numpy's log2");
        return NULL;
    }
    Py_buffer v[2];
    if (take(o[0], &v[0], 0, 8, 0, "x") < 0) return NULL;
    if (take(o[1], &v[1], 1, 8, v[0].len / 8, "out") < 0) {
        RELEASE(1);
        return NULL;
    }
    log2_of(v[0].buf, v[1].buf, v[0].len / 8);
    RELEASE(2);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"step", py_step, METH_VARARGS,
     "step(k, h, r, joint, lik, negligible, limit, mass, scratch, kept, kept_mass, joint_out)"
     " -> (count, cut, n_above, n_tied): one beam step; count -1 on a tie at the cut"},
    {"gather", py_gather, METH_VARARGS,
     "gather(k, h, r, joint, lik, mass, kept, count, kept_mass, joint_out): kept children"},
    {"joint_results", py_joint_results, METH_VARARGS,
     "joint_results(k, h, r, joint, lik, out) -> n: P(history, result), positive ones first"},
    {"grow", py_grow, METH_VARARGS,
     "grow(k, h, tests, widths, joint, likelihoods, negligible, joint_out, mass, kept, work)"
     " -> (count, all_kept): several tests applied while every child fits"},
    {"use_log2", py_use_log2, METH_O,
     "use_log2(np.log2) -> bool: whether numpy's float64 log2 loop was found for search"},
    {"log2", py_log2, METH_VARARGS,
     "log2(x, out): numpy's log2 of x into out, through the loop use_log2 found"},
    {"search", py_search, METH_VARARGS,
     "search(prior, tables, offsets, widths, bits, second_panel, second_tests, second_weight,"
     " ionising_panel, ionising_tests, ionising_weight, placed, n_urgent, safe_first,"
     " max_items, limit, negligible) -> (status, status, infos) or None: the later lines"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_beam", "The work-up beam's inner loops (optional).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__beam(void) { return PyModule_Create(&module); }
