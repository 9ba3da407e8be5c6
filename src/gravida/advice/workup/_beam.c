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
 * lik holds the tests' k x r_t tables one after another. Returns the number kept
 * (columns of joint_out, k x count; kept lists them unless all were kept) and sets
 * *all_kept. */
static int64_t grow(int64_t k, int64_t h, int64_t tests, const int64_t *widths,
                    const double *J, const double *lik, double negligible, double *joint_out,
                    double *mass, int64_t *kept, double *work, int *all_kept) {
    int64_t n = h;
    for (int64_t t = 0; t < tests; t++) n *= widths[t];
    for (int64_t c = 0; c < k; c++) {
        double *row = joint_out + c * n;
        /* ping-pong between the row and work, so that the last test writes the row */
        double *src = (tests % 2 == 0) ? row : work, *dst;
        memcpy(src, J + c * h, (size_t)h * sizeof *src);
        int64_t width = h;  /* children so far, of this condition */
        const double *table = lik;
        for (int64_t t = 0; t < tests; t++) {
            const int64_t r = widths[t];
            const double *mc = table + c * r;
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
            table += k * r;
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
    int all_kept = 0;
    int64_t count;
    Py_BEGIN_ALLOW_THREADS
    count = grow(k, h, tests, widths, v[1].buf, v[2].buf, negligible, v[3].buf, v[4].buf,
                 v[5].buf, v[6].buf, &all_kept);
    Py_END_ALLOW_THREADS
    RELEASE(7);
    return Py_BuildValue("Li", (long long)count, all_kept);
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
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_beam", "The work-up beam's inner loops (optional).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__beam(void) { return PyModule_Create(&module); }
