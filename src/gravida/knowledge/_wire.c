/* Rounded numbers written as orjson writes them (knowledge/wire.py), for the parts of a
 * response that are pre-serialised: a list of records whose text the pack fixes up to
 * one rounded number each (the ranked conditions: id, name, lay name, probability).
 *
 * Optional: built by `pip install` where a C compiler and Python's headers are at hand;
 * without it wire.py writes the same bytes with orjson (tests/knowledge/test_wire.py
 * compares the two on every six-place value from 0 to 1, the rounding ties, and random
 * floats).
 *
 * Why the bytes are the same: ``round(v, places)`` in CPython formats v with
 * ``places`` decimals by David Gay's correctly rounded dtoa and reads the text back;
 * glibc's printf("%.*f") is correctly rounded too (exact arithmetic, ties to even on
 * the exact binary value), so it gives the same text. For 0 <= v < 1e9 and at most six
 * places that text has at most 15 significant digits, so it is the shortest text of
 * the rounded float once the fraction's trailing zeros are dropped (two decimals of 15
 * digits or fewer are never the same double), which is what orjson writes: in plain
 * decimals with at least one fraction digit from 1e-5 up, as "de-6" below (only six
 * places reach there: 0.00000d). Anything else (a NaN, a negative number or -0.0, 1e9
 * or more, a subclass of float such as numpy's, whose round is its own) is left to
 * the caller's Python path.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_PLACES 6
#define NUMBER_MAX 24 /* "999999999.999999" and a margin */

/* orjson's text of round(v, places) into out (NUMBER_MAX bytes): its length, or -1
 * where v is outside what this writes */
static int number(double v, int places, char *out) {
    if (!(v >= 0.0 && v < 1e9) || (v == 0.0 && signbit(v))) return -1;
    char buf[40];
    int n = snprintf(buf, sizeof buf, "%.*f", places, v);
    if (n < 1 || n >= NUMBER_MAX - 2) return -1;
    if (places == 0) { /* "12" is the float 12.0 */
        memcpy(out, buf, (size_t)n);
        memcpy(out + n, ".0", 2);
        return n + 2;
    }
    if (places == 6 && memcmp(buf, "0.00000", 7) == 0 && buf[7] != '0') {
        out[0] = buf[7]; /* 0.00000d: below 1e-5, "de-6" */
        memcpy(out + 1, "e-6", 3);
        return 4;
    }
    const char *dot = strchr(buf, '.');
    if (dot == NULL) return -1;
    int end = n, keep = (int)(dot - buf) + 2; /* at least one fraction digit */
    while (end > keep && buf[end - 1] == '0') end--;
    memcpy(out, buf, (size_t)end);
    return end;
}

/* joined(heads, values, places): b"[" + b",".join(heads[i] + number(values[i]) + b"}")
 * + b"]", or None where a value is not one ``number`` writes */
static PyObject *py_joined(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *heads, *values;
    int places;
    if (!PyArg_ParseTuple(args, "O!O!i", &PyList_Type, &heads, &PyList_Type, &values, &places))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(heads);
    if (PyList_GET_SIZE(values) != n || n < 1 || places < 0 || places > MAX_PLACES) {
        PyErr_SetString(PyExc_ValueError, "heads and values of one length, places 0 to 6");
        return NULL;
    }
    Py_ssize_t size = 2;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *h = PyList_GET_ITEM(heads, i), *v = PyList_GET_ITEM(values, i);
        if (!PyBytes_CheckExact(h)) {
            PyErr_SetString(PyExc_TypeError, "each head must be bytes");
            return NULL;
        }
        if (!PyFloat_CheckExact(v)) Py_RETURN_NONE;
        size += PyBytes_GET_SIZE(h) + NUMBER_MAX + 2;
    }
    PyObject *out = PyBytes_FromStringAndSize(NULL, size);
    if (out == NULL) return NULL;
    char *p = PyBytes_AS_STRING(out), *start = p;
    *p++ = '[';
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *h = PyList_GET_ITEM(heads, i);
        if (i) *p++ = ',';
        memcpy(p, PyBytes_AS_STRING(h), (size_t)PyBytes_GET_SIZE(h));
        p += PyBytes_GET_SIZE(h);
        int k = number(PyFloat_AS_DOUBLE(PyList_GET_ITEM(values, i)), places, p);
        if (k < 0) {
            Py_DECREF(out);
            Py_RETURN_NONE;
        }
        p += k;
        *p++ = '}';
    }
    *p++ = ']';
    if (_PyBytes_Resize(&out, p - start) < 0) return NULL;
    return out;
}

static PyMethodDef methods[] = {
    {"joined", py_joined, METH_VARARGS,
     "joined(heads, values, places): the records' JSON list, each head then its value "
     "rounded to places as orjson writes it and a closing brace; None to fall back."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_wire", "Rounded numbers as orjson writes them (wire.py).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__wire(void) { return PyModule_Create(&module); }
