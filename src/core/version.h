/* version.h: the faultline release (report.json "version"). */
#ifndef FL_VERSION_H
#define FL_VERSION_H
#define FL_VERSION "1.0.0"
#endif
